// Progressive enhancement only: every page works without this file.
(function () {
  // Remember the browser's time zone so the server can show times in it.
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf("tz=" + tz) === -1) {
      document.cookie = "tz=" + encodeURIComponent(tz) + ";path=/;max-age=31536000;samesite=lax";
    }
  } catch (e) { /* older browsers keep UTC */ }
})();

// The Content-Security-Policy allows no inline handler and no style attribute, so these live here.
document.addEventListener("submit", function (event) {
  // A form with data-confirm asks before it is sent.
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
});

// Bars placed by percentages the server computed (data-left, data-width), also after htmx swaps.
function placeBars(root) {
  var bars = (root || document).querySelectorAll("[data-left]");
  for (var i = 0; i < bars.length; i++) {
    bars[i].style.left = bars[i].getAttribute("data-left") + "%";
    if (bars[i].hasAttribute("data-width")) { bars[i].style.width = bars[i].getAttribute("data-width") + "%"; }
  }
}
document.addEventListener("DOMContentLoaded", function () { placeBars(document); });
document.addEventListener("htmx:load", function (event) { placeBars(event.target); });
