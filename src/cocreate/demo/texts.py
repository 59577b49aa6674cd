"""Hand-written text for the demo community. Everything here is fiction about a made-up company, Larkfield,
which runs a café chain (Larkfield Coffee) and a toy-brick line (Larkfield Bricks).

Idea banks hold (title, alternative title, markdown body, tags). The builder combines a bank entry with an opener
and a closer from the fragment banks, so a few hundred ideas read like different people wrote them."""

ORGANISATION = "Larkfield"

AGREEMENT_V1 = """\
## Larkfield contributor agreement

1. **You keep your copyright.** Everything you post stays yours.
2. **You give Larkfield a licence** to read, show, adapt and build on your contribution, worldwide and free of charge.
3. **You post only what you may share**: your own work, or work you have the right to share.
4. **We credit you by name** on the idea page, the roadmap and any release notes when your idea is used.
"""

AGREEMENT_V2 = (
    AGREEMENT_V1
    + """5. **Design contests may pay royalties.** When a campaign says so, a winning design earns its co-creators
   a share of net sales, split as the co-authors agreed on the idea page.
6. **You can withdraw** an idea until it enters review; after that we keep it so the decision stays explained.
"""
)

AGREEMENT_V2_CHANGES = (
    "Adds clause 5 (royalty shares for design contests, split between co-authors) and clause 6 (when you can "
    "withdraw an idea). Nothing about your copyright changed."
)

# ---- campaigns -------------------------------------------------------------------------------------------

CAFE = {
    "title": "Larkfield Coffee: less waste, better cafés",
    "slug": "less-waste-better-cafes",
    "goal": "Halve the waste our 62 cafés send to landfill by 2027 and make every café a better place to stay.",
    "brief": """\
Every day our cafés hand out about **38,000 cups**, throw away crates of unsold pastries and run dishwashers that
nobody has looked at since 2015. You — the people who queue, sit, work and meet in our cafés — see things we miss.

We are looking for ideas that:

- cut what ends up in the bin: cups, lids, food, packaging, coffee grounds;
- make the café itself better: seating, noise, power sockets, accessibility, the queue;
- can be **tried in one café within three months** and rolled out if it works.

The best ideas will be piloted in our Leeds, Bristol and Glasgow cafés first. We read every idea and a facilitator
answers each one within 30 days.
""",
    "constraints": """\
- A pilot must fit in an existing café: no building work.
- Food safety rules apply: we cannot refill containers we cannot wash at 82 °C.
- Price changes must be neutral or cheaper for customers who bring their own cup.
""",
    "out_of_scope": """\
- New drinks or menu items (we run a separate tasting panel).
- Staff pay and rotas: please talk to us directly at people@larkfield.example.
- Locations for new cafés.
""",
    "audience": "Everyone who uses a Larkfield café, and our baristas.",
    "incentives": """\
- Every idea that reaches review gets a **reply from the café leadership team**.
- Ideas we pilot earn their authors a **year of free coffee** and a credit on the wall of the pilot café.
""",
    "ip_terms": """\
Ideas are shared under the Larkfield contributor agreement: you keep your copyright and give us a licence to use and
adapt the idea. We credit authors by name in the pilot café and in the release notes.
""",
    "criteria": [
        ("Waste removed", 40, "How much goes out of the bin, measured in a pilot café."),
        ("Customer experience", 25, "Does the café get better to be in?"),
        ("Ease of a pilot", 20, "Can one café try it within three months?"),
        ("Cost", 15, "Neutral or cheaper to run over a year."),
    ],
}

BRICKS = {
    "title": "Larkfield Bricks Design Contest: build the next set",
    "slug": "build-the-next-set",
    "goal": "Find the fan-designed set we put on shelves for the 2026 holiday season.",
    "brief": """\
Show us the set you wish existed. Build it with real bricks or in a digital builder, photograph or render it, and
tell us the story behind it. Members support the designs they would buy.

**The ladder.** A design that gathers enough supporters moves up a stage and its clock restarts:
the first stage asks for a handful of supporters within 30 days, the second for more within 60 days, and designs
that reach the last stage within 90 days go to our design team for review. Designs that miss a window expire, and
you can submit an improved version.

Our reviewers score every design that reaches review against the criteria below and publish their reasons.
""",
    "constraints": """\
- Between **150 and 3,000 pieces**, using only standard Larkfield Bricks elements.
- Original designs only: no licensed characters, logos or existing products.
- At least one image of the full model; up to three images per design.
""",
    "out_of_scope": """\
- Weapons or military vehicles from real conflicts.
- Motorised or electronic parts we do not produce.
- Re-colours of sets already on sale.
""",
    "audience": "Adult and teenage builders (13+), from first-time designers to veterans.",
    "incentives": """\
- The winning design is produced, and its designers share **1 % of net sales** (split as the co-authors agree).
- Every design that reaches review gets a written scorecard from our design team.
- Ten finalists receive the produced set signed by the design team.
""",
    "ip_terms": """\
You keep the copyright in your design and grant Larkfield an exclusive licence to produce it if it wins. Royalties
are paid under clause 5 of the contributor agreement. Designs that do not win stay yours.
""",
    "criteria": [
        ("Playability", 30, "Is it fun to build and to play with, not just to look at?"),
        ("Originality", 25, "Have we seen this before?"),
        ("Buildability", 25, "Stable, within the piece count, standard elements only."),
        ("Shelf appeal", 20, "Would it stand out in a shop and on a shelf at home?"),
    ],
}

NAMING = {
    "title": "Name our winter blend",
    "slug": "name-our-winter-blend",
    "goal": "Give this winter's seasonal coffee a name our regulars will ask for by name.",
    "brief": """\
This winter's blend is a dark roast of Colombian and Sumatran beans with notes of **dark chocolate, orange peel
and clove**. It goes on sale in every café in December, and it needs a name.

Keep it short: the name has to fit on a cup sleeve and sound good when a barista calls it out. Add one sentence on
why it fits. Entries are checked by a moderator before they appear, and members pick their favourites.
""",
    "constraints": """\
- At most **24 characters**.
- Up to three entries per member.
- Easy to say in a noisy café.
""",
    "out_of_scope": """\
- Names of real places, people or other brands.
- Christmas-only names: the blend stays on sale until March.
""",
    "audience": "Larkfield Coffee members.",
    "incentives": "The winning name's author gets the first bag, a year of the blend, and their name on the sleeve.",
    "ip_terms": "By entering you assign the name to Larkfield so we can register it as a trade mark.",
    "criteria": [
        ("Fits the taste", 40, ""),
        ("Easy to say", 35, ""),
        ("Memorable", 25, ""),
    ],
}

# ---- idea banks ----------------------------------------------------------------------------------------------

CAFE_IDEAS = [
    (
        "Discount for bringing your own cup",
        "Reward people who bring a reusable cup",
        "Take **30p off** every drink served in a customer's own cup. The discount at the moment is 10p, which "
        "nobody notices. A bigger discount that is printed on the menu board would change habits quickly.",
        ["reusable cups", "pricing"],
    ),
    (
        "A deposit cup you can return to any café",
        "Borrow-a-cup scheme across all cafés",
        "Pay a £1 deposit for a sturdy reusable cup and drop it back at **any** Larkfield café, where it is washed "
        "and reused. Freiburg and several Dutch cities run schemes like this and the return rate is above 90 %.",
        ["reusable cups", "deposit"],
    ),
    (
        "Sell yesterday's pastries at half price in the morning",
        "Day-old pastry basket",
        "Put the unsold pastries from yesterday in a basket by the till at half price until 11:00. Most of them "
        "are still perfectly good, especially the loaves and cookies.",
        ["food waste", "pricing"],
    ),
    (
        "List surplus food on a food-sharing app at closing time",
        "Give unsold food to neighbours through an app",
        "Half an hour before closing, list what is left on a food-sharing app for a small price. People nearby "
        "collect it on their way home, and the café bins nothing that could be eaten.",
        ["food waste", "community"],
    ),
    (
        "Give away coffee grounds for gardens",
        "Free coffee grounds for gardeners",
        "Bag the used grounds and leave them by the door for anyone who wants them. Gardeners love them for "
        "compost, and it is one less bin bag every day.",
        ["coffee grounds", "community"],
    ),
    (
        "Lids only on request",
        "Stop handing out lids by default",
        'Most people drinking in do not need a lid. Ask *"lid?"* instead of snapping one on every cup, and keep '
        "the lids behind the counter.",
        ["packaging", "reusable cups"],
    ),
    (
        "Ceramic cups as the default for drinking in",
        "Drink-in should always mean a real cup",
        "When someone says they are staying, serve in a ceramic cup without asking. Today the baristas often "
        "grab a paper cup because it is faster during the rush.",
        ["reusable cups", "staff"],
    ),
    (
        "Show how much waste each café produced this week",
        "A waste scoreboard by the till",
        "A small board by the till: *this week we sent 14 bags to landfill, last week 17*. People like being part "
        "of a visible effort, and baristas would have a target to beat.",
        ["measurement", "transparency"],
    ),
    (
        "Quiet hours for people who work in the café",
        "A quiet corner with no music",
        "Many of us work from the café for a couple of hours. A quiet corner, or quiet hours in the morning with "
        "the music down, would make it much easier to take a call or concentrate.",
        ["seating", "noise"],
    ),
    (
        "More power sockets at the long tables",
        "Sockets for laptops",
        "There are two sockets in the whole Bristol Harbourside café and everyone fights for them. A power strip "
        "under each long table would fix it.",
        ["seating", "accessibility"],
    ),
    (
        "Order at the table with a QR code",
        "Skip the queue by ordering from your seat",
        "A QR code on each table to order and pay, with the drink brought to the table. The queue at lunch "
        "regularly goes out of the door.",
        ["queue", "digital"],
    ),
    (
        "A separate pick-up shelf for app orders",
        "Stop mixing app orders with the counter queue",
        "App orders get lost among the counter orders. A shelf with names on it, like some bakeries have, "
        "would stop people crowding the counter.",
        ["queue", "digital"],
    ),
    (
        "Refill station for tap water",
        "Free water refills for bottles",
        "A tap or dispenser where anyone can refill a bottle for free, and sign up to a refill map. It brings "
        "people in and saves plastic bottles.",
        ["packaging", "community"],
    ),
    (
        "Oat milk at the same price as dairy",
        "No surcharge for plant milk",
        "The 40p surcharge on plant milks nudges people towards dairy, which has a much bigger footprint. "
        "Several chains dropped the surcharge without raising prices.",
        ["pricing", "carbon"],
    ),
    (
        "Compostable packaging for sandwiches",
        "Replace the plastic sandwich wedges",
        "The sandwich wedges are plastic with a cardboard sleeve and cannot be recycled together. Switch to "
        "a single compostable wrap and add a food-waste bin for it.",
        ["packaging", "food waste"],
    ),
    (
        "Bins that people can actually sort into",
        "Clear recycling bins with pictures",
        "The bins say *mixed recycling* and *general waste*, and nobody knows where a cup goes. Bins with "
        "pictures of our own cups, lids and wrappers would sort most of it correctly.",
        ["recycling", "measurement"],
    ),
    (
        "Smaller portions of cake",
        "Half slices to cut food waste",
        "Offer half slices of the big cakes. People often leave half, and a lot of cake goes in the bin at the "
        "end of the day.",
        ["food waste", "menu"],
    ),
    (
        "Bake in smaller batches in the afternoon",
        "Bake to the afternoon crowd, not the morning one",
        "Bake a second, smaller batch at 14:00 instead of baking everything at 6:00. The afternoon is quieter and "
        "most of the waste is the morning batch going stale.",
        ["food waste", "operations"],
    ),
    (
        "Wheelchair-accessible counter section",
        "A lower counter for wheelchair users",
        "The counters are high and wheelchair users hand up their card blind. A lower section at the end of the "
        "counter, and a ramp at the Glasgow Queen Street door, would make a big difference.",
        ["accessibility", "seating"],
    ),
    (
        "Baby-changing table in every café",
        "Changing tables for parents",
        "Only some cafés have one, and it is usually in the ladies' toilet. Put one in the accessible toilet so "
        "every parent can use it.",
        ["accessibility", "families"],
    ),
    (
        "Loyalty stamp for every reusable cup",
        "Earn a free drink by reusing",
        "Give a stamp on the loyalty card for every drink in a reusable cup: ten stamps and the next drink is "
        "free. It rewards the habit, not just the purchase.",
        ["reusable cups", "loyalty"],
    ),
    (
        "Repair café evenings",
        "Host a monthly repair evening",
        "Once a month, after closing, let a local repair group use the café for an evening of fixing toasters, "
        "bikes and clothes. Coffee on sale, community built.",
        ["community", "events"],
    ),
    (
        "Milk in big churns instead of cartons",
        "Bulk milk deliveries",
        "Each café goes through dozens of plastic milk bottles a day. Dairies deliver in returnable churns or "
        "bag-in-box, which would remove most of that plastic.",
        ["packaging", "suppliers"],
    ),
    (
        "Sell our own reusable cup at cost",
        "A Larkfield keep-cup at cost price",
        "The branded cup costs £14. Sell a simple one at cost, around £4, so more people have one in their bag.",
        ["reusable cups", "pricing"],
    ),
    (
        "Pay-it-forward coffee board",
        "Suspended coffees for people who need one",
        "Let customers pay for an extra coffee that someone who cannot afford one can claim later. A board by "
        "the door shows how many are waiting.",
        ["community", "pricing"],
    ),
    (
        "Turn off the second espresso machine at quiet times",
        "Energy-saving mode outside the rush",
        "Both machines stay hot all day. Switching one off between 14:00 and 16:00 would save a lot of energy "
        "without anyone waiting longer.",
        ["energy", "operations"],
    ),
    (
        "Show the carbon footprint of each drink on the menu",
        "Carbon labels on the menu",
        "Print the footprint next to the price: a flat white with oat milk next to one with dairy. People "
        "choose differently when they can see it.",
        ["carbon", "transparency"],
    ),
    (
        "Cup-free Wednesdays",
        "One day a week without paper cups",
        "Pick one day a week where takeaway is only in reusable or deposit cups. It sounds drastic but a few "
        "independent cafés do it and people plan around it.",
        ["reusable cups", "events"],
    ),
    (
        "Better lighting in the evening",
        "Warmer lights after dark",
        "After 17:00 the cafés are lit like an office. Warmer, dimmer lights in the evening would make people "
        "stay for a second drink.",
        ["atmosphere", "energy"],
    ),
    (
        "Let dogs in",
        "Dog-friendly cafés",
        "Allow dogs in at least part of each café, with a water bowl by the door. Dog walkers are regulars in "
        "the morning and currently have to sit outside in the rain.",
        ["community", "seating"],
    ),
    (
        "Collect and recycle coffee pods from customers",
        "Pod take-back point",
        "Many customers also use pod machines at home. A take-back box for aluminium pods would bring people in "
        "and keep the pods out of landfill.",
        ["recycling", "community"],
    ),
    (
        "Shorter menu",
        "Cut the menu in half",
        "The menu board has 48 drinks. Half of them sell a few times a week and need their own syrups, which "
        "expire. A shorter menu wastes less and makes ordering faster.",
        ["menu", "food waste"],
    ),
    (
        "A community noticeboard",
        "Local noticeboard in each café",
        "A noticeboard for local events, lost cats and choir rehearsals. It makes the café feel like part of the "
        "street.",
        ["community", "atmosphere"],
    ),
    (
        "Washable cutlery instead of wooden sticks",
        "Metal spoons for drinking in",
        "Wooden stirrers and forks go in the bin by the hundred. Metal spoons in a pot for people drinking in, "
        "and stirrers only on request for takeaway.",
        ["packaging", "reusable cups"],
    ),
    (
        "Staff meal from unsold food",
        "Let baristas take the leftovers",
        "Baristas often are not allowed to take unsold food home. A staff meal from what is left would cut waste "
        "and is a nice perk.",
        ["food waste", "staff"],
    ),
    (
        "Bike parking outside every café",
        "Bike racks by the door",
        "There is nowhere to lock a bike outside most cafés. Two or three racks would bring cyclists in instead "
        "of to the place next door.",
        ["accessibility", "carbon"],
    ),
    (
        "Larger tables for groups",
        "Space for study groups and meetings",
        "Students and small teams meet in the cafés but all the tables seat two. One large table per café would "
        "fill the quiet afternoons.",
        ["seating", "community"],
    ),
    (
        "Return the glass jars of the overnight oats",
        "Deposit on the glass jars",
        "The overnight oats come in a nice glass jar that everyone throws away. Put a 50p deposit on it and "
        "reuse the jars.",
        ["packaging", "deposit"],
    ),
    (
        "Publish a yearly waste report",
        "An honest yearly report on waste",
        "Publish how much each café sent to landfill, recycling and compost, every year, including the bad "
        "news. It keeps the whole programme honest.",
        ["transparency", "measurement"],
    ),
    (
        "A slower queue for people who need more time",
        "A calm lane at the counter",
        "Some supermarkets have a relaxed checkout for people who need more time. A calm lane at quiet hours "
        "would help older customers and people with anxiety.",
        ["accessibility", "queue"],
    ),
    (
        "Local roasters as guest coffee",
        "Guest beans from a local roaster",
        "Once a month, serve a guest coffee from a roaster within 30 miles of the café. Less transport, and a "
        "reason to come back.",
        ["suppliers", "community"],
    ),
    (
        "Reusable containers for takeaway food",
        "Bring your own box for pastries",
        "Let people bring their own box for pastries and sandwiches, with the same discount as for cups. It is "
        "allowed under food safety rules if the staff do not touch the box.",
        ["packaging", "reusable cups"],
    ),
    (
        "Use the grounds for café-made soap and scrubs",
        "Sell coffee-ground body scrub",
        "A local maker could turn our grounds into a body scrub sold at the till. A small product with a good "
        "story, and the grounds get a second life.",
        ["coffee grounds", "suppliers"],
    ),
    (
        "Filter jugs instead of bottled water",
        "Stop selling plastic water bottles",
        "Replace the fridge of bottled water with free filtered water in jugs and sell a refillable bottle for "
        "people on the go.",
        ["packaging", "pricing"],
    ),
]

BRICKS_IDEAS = [
    # (title, alternative title, body, tags, drawing kind)
    (
        "Lighthouse on the Rocks",
        "Stormy lighthouse with rotating lamp",
        "A red-and-white lighthouse on a rocky outcrop, with a keeper's cottage and a rowing boat. The lamp room "
        "turns with a small crank at the back, and the cottage roof lifts off to show a tiny kitchen.",
        ["buildings", "coast", "mechanism"],
        "tower",
    ),
    (
        "Corner Bakery",
        "Modular corner bakery with upstairs flat",
        "A two-storey corner shop: bakery on the ground floor with bread in the window, a flat above with a "
        "balcony. It connects to other modular buildings on both sides.",
        ["buildings", "modular", "city"],
        "house",
    ),
    (
        "Deep-Sea Research Submarine",
        "Yellow research sub with robotic arm",
        "A bright yellow research submarine with a robotic arm, floodlights and a sample drawer. Comes with a "
        "small seabed vignette: coral, a shipwreck anchor and an anglerfish.",
        ["vehicles", "ocean", "science"],
        "vehicle",
    ),
    (
        "Moon Rover Expedition",
        "Six-wheeled moon rover and landing pad",
        "A six-wheeled rover with a working suspension, a solar mast and a drill. The landing pad doubles as a "
        "display stand.",
        ["space", "vehicles"],
        "vehicle",
    ),
    (
        "Retro Rocket Launch",
        "1950s rocket on its launch tower",
        "A chrome-and-red rocket in the style of 1950s science fiction, on a launch tower with a service arm that "
        "swings away. The stages separate.",
        ["space", "retro"],
        "rocket",
    ),
    (
        "Treehouse Hideout",
        "Two-level treehouse with rope bridge",
        "A treehouse over two branches joined by a rope bridge, with a pulley for the snack basket and a hatch "
        "with a secret code. The leaves come off in seasonal colours.",
        ["nature", "buildings", "play"],
        "tree",
    ),
    (
        "Canal Narrowboat",
        "Painted narrowboat with roof garden",
        "A traditional narrowboat with roses-and-castles paintwork, a roof garden and a cabin interior you can "
        "reach by lifting the roof. Includes a stretch of towpath and a lock gate.",
        ["vehicles", "boats"],
        "ship",
    ),
    (
        "Mountain Cable Car",
        "Alpine cable car with two stations",
        "Two stations and a cabin that travels along a string between them when you turn the handle. The top "
        "station has a tiny restaurant with a view.",
        ["mechanism", "mountains"],
        "bridge",
    ),
    (
        "Castle Gatehouse",
        "Medieval gatehouse with working portcullis",
        "A gatehouse with a portcullis that drops on a chain, a drawbridge and a murder hole. It is the first "
        "piece of a castle you can extend with wall sections.",
        ["castle", "mechanism"],
        "castle",
    ),
    (
        "Friendly Garden Robot",
        "Robot that waters the vegetable patch",
        "A round, friendly robot with a watering-can arm and a tracked base, tending a small vegetable patch "
        "with carrots you can pull out.",
        ["robots", "nature"],
        "robot",
    ),
    (
        "Steam Locomotive",
        "Green tank engine with two carriages",
        "A green tank engine with coupling rods that move as it rolls, plus two carriages with opening doors. "
        "Runs on standard track.",
        ["trains", "vehicles"],
        "train",
    ),
    (
        "Fire Lookout Tower",
        "Forest fire lookout on stilts",
        "A timber lookout tower on stilts above the pine trees, with a map table, a radio and a staircase that "
        "winds around the legs.",
        ["nature", "buildings"],
        "tower",
    ),
    (
        "Harbour Fish Market",
        "Fish market with fishing boat",
        "Market stalls with crates of fish on ice, a crane to unload the boat and a small café on the pier. "
        "A lively scene with lots of little details.",
        ["coast", "city"],
        "house",
    ),
    (
        "Airship Explorer",
        "Steampunk airship with gondola",
        "A steampunk airship with brass propellers, an open gondola and a map room. Hangs from a stand so it "
        "looks like it is flying.",
        ["steampunk", "vehicles"],
        "ship",
    ),
    (
        "Tiny House on Wheels",
        "Off-grid tiny house",
        "A tiny house on a trailer with solar panels, a fold-down deck and a sleeping loft. Every wall opens so "
        "you can see the clever storage inside.",
        ["buildings", "vehicles"],
        "house",
    ),
    (
        "Arctic Research Station",
        "Polar station with snowcat",
        "A research station on stilts with a snowcat, a weather balloon and a husky team. The modules connect in "
        "different layouts.",
        ["science", "modular"],
        "castle",
    ),
    (
        "Bonsai Maple",
        "Japanese maple bonsai in a dish",
        "A display model of a Japanese maple bonsai with red leaves that you can swap for green, in a shallow "
        "ceramic-look dish.",
        ["nature", "display"],
        "tree",
    ),
    (
        "Red Telephone Box Library",
        "Phone box turned book swap",
        "A red telephone box turned into a little library, with shelves of tiny books, a bench and a street "
        "lamp. Small, affordable and full of character.",
        ["city", "display"],
        "tower",
    ),
    (
        "Windmill with Turning Sails",
        "Dutch windmill and flower field",
        "A Dutch windmill whose sails turn with a crank and drive a grinding stone inside. A tulip field in "
        "three colours surrounds it.",
        ["mechanism", "buildings"],
        "tower",
    ),
    (
        "Space Station Module",
        "Orbital lab module with docking port",
        "A modular orbital lab with a docking port, solar wings and an astronaut in a spacesuit. Several modules "
        "connect into a larger station.",
        ["space", "modular"],
        "rocket",
    ),
    (
        "Vintage Camper Van",
        "Camper van with pop-up roof",
        "A two-tone camper van with a pop-up roof, a tiny kitchen and a surfboard on the roof rack.",
        ["vehicles", "retro"],
        "vehicle",
    ),
    (
        "Greenhouse Café",
        "Glasshouse café full of plants",
        "A Victorian-style glasshouse turned café, with hanging plants, a spiral staircase and a coffee bar. "
        "Transparent panels show the interior.",
        ["buildings", "nature"],
        "house",
    ),
    (
        "Mechanical Dragon",
        "Clockwork dragon with moving wings",
        "A clockwork dragon whose wings flap and jaw opens when you turn the key on its back. Copper and dark "
        "green, about 40 cm long.",
        ["fantasy", "mechanism"],
        "robot",
    ),
    (
        "Suspension Bridge",
        "Golden suspension bridge section",
        "A display section of a suspension bridge with cables, towers and a tram crossing. Two sections joined "
        "make a proper span.",
        ["display", "city"],
        "bridge",
    ),
    (
        "Ice Cream Truck",
        "Pastel ice cream truck",
        "A pastel ice cream truck with a serving hatch, a giant cone on the roof and six flavours of scoops.",
        ["vehicles", "food"],
        "vehicle",
    ),
    (
        "Pirate Cove",
        "Hidden pirate cove with ship",
        "A rocky cove with a hidden cave, a small ship and a treasure chest on a trapdoor. The rocks open on a "
        "hinge to reveal the cave.",
        ["pirates", "boats"],
        "ship",
    ),
    (
        "Observatory",
        "Domed observatory with telescope",
        "A hilltop observatory whose dome rotates and opens, with a telescope that tilts. Glow-in-the-dark star "
        "chart on the floor.",
        ["science", "buildings", "mechanism"],
        "castle",
    ),
    (
        "City Tram",
        "Articulated city tram with stop",
        "A two-part articulated tram with opening doors, a tram stop with a timetable and a bicycle rack.",
        ["trains", "city"],
        "train",
    ),
    (
        "Cherry Blossom Tree",
        "Cherry blossom display",
        "A tall cherry blossom tree in pink and white, with falling petals on a small stone path.",
        ["nature", "display"],
        "tree",
    ),
    (
        "Tugboat",
        "Harbour tugboat with fenders",
        "A sturdy red tugboat with tyre fenders, a wheelhouse that lifts off and a towline. It floats.",
        ["boats", "vehicles"],
        "ship",
    ),
    (
        "Tiny Robot Band",
        "Four robots playing instruments",
        "Four small robots playing drums, keys, bass and trumpet on a stage with lights. Each one has a "
        "different personality.",
        ["robots", "music"],
        "robot",
    ),
    (
        "Medieval Market Town",
        "Market square with half-timbered houses",
        "A market square with three half-timbered houses, a well and stalls. Each house has a fully built interior.",
        ["castle", "buildings", "modular"],
        "house",
    ),
    (
        "Hot Air Balloon Festival",
        "Three hot air balloons",
        "Three hot air balloons in different patterns, on stands of different heights, with a basket crew.",
        ["display", "vehicles"],
        "rocket",
    ),
    (
        "Wind Turbine Farm",
        "Offshore wind turbines",
        "Three offshore wind turbines whose blades turn with a gear train, on a small sea base with a service boat.",
        ["science", "mechanism"],
        "tower",
    ),
]

NAMING_IDEAS = [
    ("Ember Roast", "Dark, warm and glowing: like the last embers of a winter fire."),
    ("Orange Peel Dusk", "The orange note at the end of a short winter day."),
    ("Fireside", "What you want to be next to when it is cold outside."),
    ("Midwinter Dark", "A dark roast for the darkest weeks of the year."),
    ("Clove & Cocoa", "Says exactly what it tastes like, and sounds cosy."),
    ("Frost Bite", "Bold enough to bite back at the frost."),
    ("Long Night", "For the longest nights, and for the people who work them."),
    ("Snowfall Espresso", "Quiet and deep, like the street after snow."),
    ("Chimney Smoke", "A smoky roast with a hint of spice, like a village in December."),
    ("Lantern", "Short, warm, easy to shout across a busy café."),
    ("Copper Kettle", "Sounds like home, and the colour matches the roast."),
    ("Northern Lights", "Colombian and Sumatran beans meeting, like two lights in the sky."),
    ("Woolly Jumper", "It should feel like pulling on your favourite jumper."),
    ("Black Forest Morning", "Chocolate notes and a walk in the cold woods."),
    ("Orange Star", "After the orange-clove pomanders people hang up in winter."),
    ("Hearthstone", "The stone in front of the fire: warm, solid, old-fashioned."),
    ("Cold Hands Warm Cup", "What every customer in December wants."),
    ("Spice Road", "The cloves and the long journey of the beans."),
    ("Blanket Blend", "Like a blanket in a cup. My kids named it."),
    ("Dark Harbour", "Deep and dark, for a coastal winter."),
    ("Snow Owl", "A quiet night bird, and a name children remember."),
    ("Winter Solstice", "Named for the turning point of the year: the days get longer from here."),
    ("Cocoa Comet", "Short, fun, and the chocolate comes first."),
    ("Night Shift", "For nurses, bakers and everyone who works while others sleep."),
    ("Glow", "One syllable, easy to call out, and warm."),
    ("Peat Fire", "Smoky and deep, a nod to Scottish winters."),
    ("Candlewick", "Warm light on a dark day."),
    ("Clementine Frost", "The orange-peel note with a cold edge."),
    ("Storm Season", "Bold coffee for stormy weather."),
    ("Slow Sunday", "For long winter weekends with nowhere to be."),
    ("Mulled Bean", "Borrowing from mulled wine: clove and orange."),
    ("First Frost", "The morning the garden first goes white."),
    ("Sumatra Snow", "Where the beans come from, meeting where we drink them."),
    ("The Big Thaw", "It stays on sale until March, so it should carry us through to spring."),
    ("Velvet Night", "Smooth, dark and quietly sweet."),
    ("Cabin Fever", "Cheeky, memorable, and everyone knows the feeling in February."),
    ("Deep Winter", "Simple and honest for a dark roast."),
    ("Amber Hour", "That hour before dark when the light turns amber."),
    ("Wintergreen", "Fresh name for a dark coffee, an unexpected contrast."),
    ("Hot Cocoa Dark", "For people who want a coffee that tastes a bit like hot chocolate."),
    ("Fog Lifter", "Because mornings in December need help."),
    ("Ice Skater", "Light on its feet despite being dark."),
    ("Toasty", "The word my grandmother used for everything warm."),
    ("Yule Log", "A chocolate dessert and a fire log at once."),
    ("Rainy Day Roast", "Let's be honest about our winters."),
    ("Ember & Orange", "The two things you taste first."),
    ("Midnight Spice", "Late-night, dark and a little spiced."),
    ("Kindling", "The small wood that starts the fire: a morning starter."),
    ("Polar Night", "When the sun does not rise at all."),
    ("Chestnut Street", "Roasted chestnuts sold on the corner in winter."),
    ("Woodsmoke", "One word, and you can smell it."),
    ("Clove Hitch", "A knot that holds tight, with clove in the name."),
    ("Starling", "The winter murmurations over the pier at dusk."),
    ("December Dark", "Does what it says, alliterates nicely."),
    ("Frostfire", "Cold outside, fire inside."),
    ("Snug", "The smallest room in the pub, the warmest one."),
    ("Winter Rook", "A dark bird for a dark roast."),
    ("Hollow Oak", "Where you would shelter from the snow."),
    ("Twelfth Night", "Nods to the season without being only about Christmas."),
    ("Pine & Pepper", "Sounds like a winter walk."),
]

# ---- fragments that vary the ideas --------------------------------------------------------------------------

CAFE_OPENERS = [
    "I go to the Leeds Briggate café most mornings before work.",
    "I have been a barista at Larkfield for three years, and this comes up on almost every shift.",
    "Our family uses the Clifton café every weekend.",
    "I work from the Glasgow Queen Street café two days a week.",
    "Something I noticed in the Manchester Piccadilly café last week:",
    "Small idea, but I think it would add up across 62 cafés.",
    "I used to run a café myself, and this worked for us.",
    "We talked about this at our office's green team and thought Larkfield could lead on it.",
    "I am a student and spend a lot of time studying in the Sheffield café.",
    "This is probably not new, but I have not seen it in any Larkfield café yet.",
    "I stop at the Cardiff café on my way to work most days.",
    "A friend who works in waste management told me this is one of the easiest wins.",
    "",
    "",
    "",
]

CAFE_CLOSERS = [
    "Happy to help test it in the Leeds café.",
    "Would love to hear from baristas whether this is realistic.",
    "The Bristol cafés seem like a good place to try it first.",
    "It could start with one café for a month and be measured.",
    "Curious what others think, especially staff.",
    "If cost is the problem, customers might accept paying a little more for it.",
    "It would be great to see the numbers before and after.",
    "",
    "",
    "",
]

BRICKS_OPENERS = [
    "I built this over three winter weekends with my son.",
    "My first entry after ten years of building!",
    "This started as a small vignette and kept growing.",
    "Inspired by a trip to the coast last summer.",
    "Built entirely in a digital builder; a physical version is on its way.",
    "I have been sketching this idea for years and finally built it.",
    "Designed with my niece, who chose every colour.",
    "",
    "",
    "",
]

BRICKS_CLOSERS = [
    "Roughly 1,400 pieces. Feedback on the colours very welcome.",
    "About 900 pieces, all standard elements.",
    "Around 2,200 pieces; the interior alone is 600.",
    "The build is sturdy enough to play with, my kids have tested that thoroughly.",
    "I would love suggestions for the minifigures.",
    "Piece count is about 650, which should keep the price reasonable.",
    "",
    "",
]

TITLE_SUFFIXES = {
    "cafe": ["", "", "", "", " (pilot in one café first)", " – small change, big effect", " in every café"],
    "bricks": ["", "", "", "", " – deluxe version", " mini edition", ", tabletop size"],
}

# ---- revisions and updates ---------------------------------------------------------------------------------

CAFE_REVISIONS = [
    (
        "Added a pilot plan after the comments",
        "\n\n**Update after feedback:** Several of you asked how to test this. Proposal: run it for six weeks in "
        "one café, weigh the landfill bags every evening, and compare with the six weeks before.",
    ),
    (
        "Added how success would be measured",
        "\n\n**Measuring it:** one number per café, tracked weekly on the waste scoreboard, plus a short customer "
        "survey at the end of the pilot so we know whether people liked it, not just whether it saved waste.",
    ),
    (
        "Clarified cost",
        "\n\n**Cost:** a rough estimate with a barista who commented below is about £300 per café to set up, "
        "and it should pay for itself within a year.",
    ),
    (
        "Added who would run it",
        "\n\n*Edited:* the café manager would own it, with one barista per shift as the contact, and customers "
        "could leave feedback on a card by the till during the pilot.",
    ),
]

BRICKS_REVISIONS = [
    (
        "New colour scheme after feedback",
        "\n\n**Revision:** switched the roof from dark grey to sand green after the comments, and added a second "
        "minifigure.",
    ),
    (
        "Reduced the piece count",
        "\n\n**Revision:** trimmed the build from about 2,400 to 1,700 pieces so it fits the contest limits, "
        "mostly by simplifying the base.",
    ),
    (
        "Added interior and play features",
        "\n\n**Revision:** added a full interior and a hinged back wall, since several of you asked how it "
        "plays, not just how it looks.",
    ),
]

# A revision with this note also renames the idea, so the diff shows a title change.
TITLE_EDITS = {
    "New colour scheme after feedback": "{title} (new colours)",
    "Reduced the piece count": "{title}, compact edition",
}

UPDATES = [
    (
        "Thank you, we made it to review!",
        "Thank you all for the support. The design team has the idea now; I will post here when I hear back.",
    ),
    (
        "Tried it at home",
        "I tested this for two weeks at home and took notes on what worked. The short version: it works, but "
        "the labels need to be bigger. I updated the description.",
    ),
    (
        "Met with the café team",
        "The Leeds café manager invited me in to talk it through. They are keen and are checking the cost with "
        "the supplier.",
    ),
    (
        "New photos",
        "I rebuilt the base with a sturdier frame and took better photos in daylight.",
    ),
    (
        "Halfway there",
        "We are halfway to the next stage. If you know someone who would like this, please share it!",
    ),
]

# ---- discussion --------------------------------------------------------------------------------------------

COMMENTS = {
    "favour": [
        "Yes please. This would make me come in more often.",
        "Love this. Simple and it would actually change habits.",
        "Supported. I have seen this work elsewhere and people got used to it within weeks.",
        "This is the one I would pick if I could only pick one.",
        "Great idea, and cheap to try. No reason not to pilot it.",
        "As a regular, I would use this every single day.",
        "Brilliant. My whole office would get behind this.",
        "This is exactly the kind of thing that makes me proud to be a customer.",
        "Really well thought through. The detail about measuring it is what sold me.",
        "My kids would love this.",
    ],
    "against": [
        "I am not convinced. It sounds nice but the queue would get even longer.",
        "I think this would cost more than it saves, at least in the small cafés.",
        "Not for me. I would rather the money went into better coffee.",
        "This has been tried before and people stopped using it after a few months.",
        "Respectfully disagree: it adds work for baristas who are already stretched at lunchtime.",
        "I worry this puts off the people who only come in once in a while.",
        "The idea is fine but it solves a problem most people do not have.",
    ],
    "question": [
        "How would this work in the smaller cafés with only one barista on shift?",
        "What happens at the busiest times, say 8:00 to 9:00?",
        "Has anyone estimated what this would cost per café?",
        "Would this be the same in every café, or could each one decide?",
        "Is there data from other chains on how well this worked?",
        "How would you stop people abusing it?",
        "Would this need a change to the app, or could it be done in the café only?",
    ],
    "suggestion": [
        "Maybe start with a single café and publish the results before rolling it out.",
        "You could combine this with the loyalty card to get people to try it.",
        "What if it only ran on weekdays at first? Weekends are a different crowd.",
        "Suggestion: ask baristas to pick the café for the pilot, they know which one would work.",
        "It would help to add a photo or sketch of how it would look.",
        "Could you make the signs multilingual? Lots of visitors in the city-centre cafés.",
        "Pair it with a small sign explaining why. People are more patient when they know the reason.",
    ],
}

BRICKS_COMMENTS = {
    "favour": [
        "Instant support. The colours are gorgeous.",
        "I would buy two of these: one to build and one for my nephew.",
        "The mechanism is so clever. Supported!",
        "This is exactly the kind of set that is missing from the shelves.",
        "Beautiful build. The details on the roof are wonderful.",
        "Finally an original idea that is not just a bigger version of something that exists.",
    ],
    "against": [
        "Nice build, but the piece count looks well over the limit.",
        "I like it, but it looks very fragile for a play set.",
        "Feels very close to a set that was on sale a few years ago.",
        "The colour scheme is a bit dark for a shop shelf, in my opinion.",
    ],
    "question": [
        "How many pieces is it, roughly?",
        "Does the mechanism still work if you build it without the base?",
        "Are all the elements available in those colours?",
        "How big is it? A photo with something for scale would help.",
        "Is there an interior?",
    ],
    "suggestion": [
        "A minifigure of the keeper or owner would bring it to life.",
        "Try a lighter colour for the base so the model stands out.",
        "Could the roof be removable so you can play inside?",
        "Add a small sign with the name. It helps on the shelf.",
        "Maybe a smaller version would fit the price range better.",
    ],
}

NAMING_COMMENTS = {
    "favour": [
        "This is the one. Easy to say and it fits the taste.",
        "Love it! I can hear the barista calling it out already.",
        "Short and memorable. Supported.",
        "Best name so far, in my opinion.",
    ],
    "against": [
        "Sounds a bit like a candle shop.",
        "Too close to another brand's name, I think.",
        "Hard to say quickly in a noisy café.",
    ],
    "question": [
        "Would this work in Welsh and Gaelic too? Some of the cafés have bilingual menus.",
        "Is it under 24 characters with the spaces?",
    ],
    "suggestion": [
        "Maybe drop the second word? The first one is strong on its own.",
        "Could work even better with 'Roast' at the end.",
    ],
}

AUTHOR_REPLIES = [
    "Good point, I had not thought of that. I will add it to the description.",
    "Thanks! That is exactly the kind of detail a pilot would tell us.",
    "Fair question. My guess is that it works best outside the lunchtime rush, but I would love the staff's view.",
    "Thank you for the support, please share it with friends!",
    "I have updated the description to answer this.",
]

REPLIES = [
    "Good point, I had not thought of that.",
    "Agreed, this is the part that needs the most thought.",
    "I work in a café like that and it would be fine, honestly.",
    "That is what the pilot is for: to find out.",
    "I disagree, but I see where you are coming from.",
    "Same experience here.",
    "The author answered this further down, I think.",
    "Fair. A smaller first step might be easier to try.",
    "Yes, exactly this.",
    "Not sure about that, but it is worth asking the staff.",
    "Happy to help measure it if it gets piloted near me.",
]

OFFICIAL_REPLIES = [
    "Thank you for this. We have shared it with the operations team, who are looking at the cost and the "
    "practicalities. We will post here as soon as we know more.",
    "Thanks for taking the time to write this up so clearly. We are reading every idea in this campaign, and this "
    "one has come up a few times in different forms, which tells us it matters.",
    "Good question. For every idea that reaches review we ask the operations team for a cost estimate and post "
    "it here, so the discussion can carry on with real numbers.",
    "A quick note from the team: ideas that reach the threshold go to review with the leadership team, and we "
    "publish the reasons for every decision here on the idea page.",
    "We love the detail here. One thing to consider: food-safety rules limit what we can refill. Could the idea "
    "work if staff never handle the container?",
    "Thank you! This is now with our design team. Reviewers score against the four criteria in the brief and we "
    "will publish the scorecard summary.",
    "Thanks for the entry. As a reminder for everyone: names must fit in 24 characters including spaces.",
]

MODERATION_NOTES = {
    "approve": "Approved: fits the brief.",
    "return": "Returned to the author: names must be at most 24 characters, please shorten it and resubmit.",
}

DECISION_NOTES = {
    "start_review": [
        "Moved to review with the operations team.",
        "Review started: the design team is scoring this against the contest criteria.",
        "Picked for review by the leadership team this month.",
    ],
    "accept": [
        "Accepted. We will pilot this in the Leeds Briggate café from next month and report back here with the "
        "numbers. Thank you to everyone who supported and improved it.",
        "Accepted for production. Reviewers scored it highest on playability and originality; the design team "
        "will work with the authors on the final piece list.",
        "Accepted: it scored well on every criterion and costs little to try. It is now on the roadmap.",
    ],
    "decline": [
        "Declined, with thanks. We looked at it carefully: the cost per café is higher than the waste it would "
        "save, mostly because of the extra washing. We will keep the data and revisit if dishwashers change.",
        "Declined. Reviewers loved the look but it is well above the piece limit and the mechanism is not stable "
        "enough for play. We encourage the author to submit a smaller version.",
        "Declined: it is already covered by our 2026 refit plan, which will add this in every café. We will credit "
        "the supporters of this idea when it ships.",
    ],
    "request_info": "Before we decide we need more detail: roughly what would it cost to try in one café (or how many "
    "pieces would the set need), and has anything like it been tried? Please add it to the description.",
    "merge": "Merged into “{target}”, which asks for the same thing. Its supporters and followers now count there.",
    "withdraw": [
        "I am withdrawing this: the discussion convinced me another idea does it better.",
        "Withdrawing to rework it; I will post a new version.",
        "",
    ],
}

BIOS = [
    "Barista for six years, now a trainer. Coffee nerd.",
    "Architect by day, brick builder by night.",
    "Teacher in Leeds. Two kids, one dog, too many bricks.",
    "Retired engineer. I like things that turn, click and fold.",
    "Student at the University of Glasgow. Lives in the Queen Street café.",
    "Runs a repair café. Believes most things can be fixed.",
    "Product designer. Interested in packaging and circular design.",
    "Parent, gardener, keen composter.",
    "Freelance illustrator who works from cafés.",
    "Software developer, AFOL (adult fan of bricks) since 1998.",
    "Nurse on night shifts. Coffee is a vital sign.",
    "Zero-waste blogger and bulk-shop regular.",
    "Small-business owner in Bristol.",
    "Model railway enthusiast, new to bricks.",
    "Wheelchair user and accessibility consultant.",
    "I build castles with my daughter every weekend.",
    "Climate scientist who measures things for a living.",
    "Café regular since the first Larkfield opened in 2009.",
    "",
    "",
    "",
]

STAFF = [
    # (key, email, display name, bio)
    ("admin", "admin@cocreate.example", "Alex Morgan", "Runs the Cocreate site for Larkfield."),
    (
        "facilitator",
        "facilitator@cocreate.example",
        "Priya Raman",
        "Community facilitator at Larkfield. I answer every idea.",
    ),
    ("moderator", "moderator@cocreate.example", "Tom Okafor", "Keeps the conversation friendly and on topic."),
    ("reviewer", "reviewer@cocreate.example", "Ingrid Solberg", "Senior set designer, Larkfield Bricks."),
    ("member", "member@cocreate.example", "Sam Rivera", "Café regular and weekend brick builder in Leeds."),
]

FALLBACK_FIRST = [
    "Olivia", "Liam", "Amelia", "Noah", "Isla", "Oliver", "Ava", "Elijah", "Mia", "James", "Sophie", "Lucas",
    "Chloe", "Mateo", "Freya", "Aarav", "Zara", "Leon", "Emma", "Hugo", "Léa", "Jonas", "Sofia", "Finn", "Aisha",
    "Yusuf", "Hannah", "Ravi", "Niamh", "Callum", "Marta", "Luca", "Ines", "Kwame", "Mei", "Tariq", "Eilidh",
    "Bartek", "Anouk", "Dmitri",
]  # fmt: skip
FALLBACK_LAST = [
    "Smith", "Jones", "Patel", "Williams", "Brown", "Taylor", "Khan", "Evans", "Müller", "Dubois", "García", "Rossi",
    "Jansen", "Kowalski", "Nguyen", "O'Brien", "MacLeod", "Okafor", "Haddad", "Andersson", "Silva", "Novak",
    "Hughes", "Ahmed", "Fischer", "Moreau", "Bianchi", "de Vries", "Campbell", "Murphy",
]  # fmt: skip
