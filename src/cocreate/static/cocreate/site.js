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
