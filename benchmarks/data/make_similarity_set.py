"""Build the labelled similar-idea set: benchmarks/data/similarity_corpus.csv and similarity_queries.csv.

The corpus is the demo idea bank (café and toy-brick campaigns). The queries are of three kinds, all labelled:
- near-verbatim duplicates, made here from each corpus idea by mechanical edits (alternative title, the first
  sentences only, a typo, different case) — what someone gets by copying an idea they half remember;
- paraphrases, written by hand for this set (same proposal, different words), in PARAPHRASES below;
- hard negatives, written by hand: same topic and vocabulary as a corpus idea but a different proposal, so a
  suggestion would be wrong (duplicate_of is empty), in HARD_NEGATIVES below.
Run: python benchmarks/data/make_similarity_set.py (deterministic; re-running rewrites both files).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "src"))

from cocreate.demo.texts import BRICKS_IDEAS, CAFE_IDEAS  # noqa: E402

# (corpus id, title, body): the same proposal in fresh words.
PARAPHRASES = [
    (
        "C0",
        "Bigger money-off for reusable mugs",
        "A 10p reduction is invisible. Make it 30p per drink when people bring their own mug and put it on the menu.",
    ),
    (
        "C0",
        "Make bringing a keep-cup worth it",
        "Customers who carry their own cup should save a real amount on each coffee, not a token few pence.",
    ),
    (
        "C1",
        "Cup lending scheme with a deposit",
        "Charge a pound for a durable cup that you can hand back at whichever branch is nearest, where it gets cleaned.",
    ),
    (
        "C1",
        "Returnable cups across the whole chain",
        "Borrow a cup for a small deposit and return it to any of our shops for a refund, like cities in Germany do.",
    ),
    (
        "C2",
        "Half-price day-old bakes before noon",
        "Yesterday's leftover croissants and bread could go in a basket at the till, half price in the morning.",
    ),
    (
        "C2",
        "Discount basket for yesterday's baking",
        "Unsold cakes and loaves from the day before are still fine: sell them cheaply until late morning.",
    ),
    (
        "C3",
        "Offer end-of-day leftovers through a food app",
        "Before closing, post the remaining food on a surplus-food app so locals can pick it up cheaply.",
    ),
    (
        "C4",
        "Free used coffee for compost",
        "Put the spent coffee grounds in bags at the entrance so gardeners can take them home for their compost heap.",
    ),
    (
        "C4",
        "Coffee grounds giveaway for allotments",
        "Our used grounds are great fertiliser. Leave bagged grounds out for anyone with a garden.",
    ),
    (
        "C5",
        "Don't put lids on unless asked",
        "Staff put a plastic lid on every cup, even for people sitting down. Only give lids to customers who want one.",
    ),
    (
        "C6",
        "Real mugs for customers who stay",
        "If a customer is drinking in, the default should be a china mug, not a paper cup grabbed in a hurry.",
    ),
    (
        "C6",
        "Stop serving sit-in drinks in paper cups",
        "Baristas use disposable cups for people staying in because it's quicker. Use ceramic by default.",
    ),
    (
        "C7",
        "Weekly landfill count displayed at the counter",
        "A little sign by the till telling customers how many bags of rubbish the café produced this week versus last.",
    ),
    (
        "C8",
        "A quiet time for remote workers",
        "Lots of people work on laptops here. Turn the music down in the mornings or keep a silent corner.",
    ),
    (
        "C8",
        "Music-free corner for working",
        "A calm area without background music so people who work remotely can concentrate and take calls.",
    ),
    (
        "C9",
        "Add plug sockets under the big tables",
        "Everyone competes for the two sockets at Harbourside. Fit extension strips under the long tables for laptops.",
    ),
    (
        "C9",
        "Charging points for laptops and phones",
        "We need more places to plug in. Power strips along the long tables would solve it.",
    ),
    (
        "C10",
        "Order and pay from your table",
        "Scan a code on the table, order on your phone and get the coffee delivered, instead of queueing out the door at lunch.",
    ),
    (
        "C11",
        "Dedicated collection point for mobile orders",
        "Mobile app orders get mixed up with counter orders. A named pick-up shelf would keep people away from the till.",
    ),
    (
        "C12",
        "Free drinking water refills",
        "Let anyone fill up their water bottle from a tap for free and list us on the refill app.",
    ),
    (
        "C12",
        "Water bottle filling point",
        "Install a dispenser for free tap water so people stop buying plastic bottles.",
    ),
    (
        "C13",
        "Drop the plant milk surcharge",
        "Charging 40p extra for oat or soy milk pushes people to dairy. Price plant milk the same as cow's milk.",
    ),
    (
        "C13",
        "Same price for oat and cow's milk",
        "No extra charge for dairy alternatives: other chains scrapped the surcharge without raising prices.",
    ),
    (
        "C14",
        "Compostable sandwich wraps",
        "The plastic sandwich boxes with a cardboard sleeve can't be recycled. Use one compostable wrapper and a food bin.",
    ),
    (
        "C15",
        "Recycling bins with clear pictures",
        "Nobody knows which bin a cup or lid goes in. Label the bins with photos of our actual packaging.",
    ),
    (
        "C15",
        "Easier waste sorting at the bins",
        "Replace 'mixed recycling' and 'general waste' signs with pictures of cups, lids and wrappers so people sort correctly.",
    ),
    (
        "C16",
        "Offer half-size cake slices",
        "People often can't finish a big slice, so much of it is thrown away. Sell half portions.",
    ),
    (
        "C17",
        "A second, smaller bake after lunch",
        "Instead of baking everything early, bake a small afternoon batch; the morning batch is what ends up wasted.",
    ),
    (
        "C18",
        "Lower counter for wheelchair users",
        "The counter is too high for people in wheelchairs to pay. Add a low section and a ramp where it's missing.",
    ),
    (
        "C18",
        "Make the counters accessible",
        "Wheelchair users can't see the card machine over the high counters. A lowered part of the counter would fix this.",
    ),
    (
        "C19",
        "Nappy changing facilities in all branches",
        "Put baby-changing tables in the accessible toilets of every café, not only in the women's toilets of some.",
    ),
    (
        "C20",
        "Loyalty card stamps for reusable cups",
        "Every drink in your own cup earns a stamp; collect ten and get a free drink.",
    ),
    (
        "C20",
        "Reward reuse on the loyalty card",
        "Give a loyalty point each time someone uses a reusable cup, with a free coffee after ten.",
    ),
    (
        "C21",
        "Monthly repair evenings in the café",
        "Let a volunteer repair group use the café once a month after hours to fix toasters, bikes and clothes.",
    ),
    (
        "C22",
        "Returnable milk containers",
        "Each café throws out piles of plastic milk bottles. Get milk delivered in reusable churns or bag-in-box.",
    ),
    (
        "C23",
        "A cheap Larkfield reusable cup",
        "Our branded cup costs £14, too much. Sell a basic one for about £4 so more people carry one.",
    ),
    (
        "C24",
        "Suspended coffee scheme",
        "Customers can prepay a coffee for someone who can't afford one, with a board showing how many are available.",
    ),
    (
        "C24",
        "Buy a coffee for a stranger in need",
        "Let people pay for an extra drink that someone in need can claim later.",
    ),
    (
        "C25",
        "Switch off one espresso machine in the afternoon lull",
        "Both machines are kept hot all day. Turn one off between two and four to save energy.",
    ),
    (
        "C26",
        "Carbon labels for every drink",
        "Print each drink's carbon footprint beside its price so customers can compare oat and dairy flat whites.",
    ),
    (
        "C27",
        "One day a week with no disposable cups",
        "Choose a weekday when takeaway drinks are only served in reusable or deposit cups.",
    ),
    (
        "C28",
        "Softer lighting after dark",
        "In the evening the cafés feel like an office. Dim, warm lights would encourage people to stay longer.",
    ),
    (
        "C29",
        "Allow dogs inside",
        "Dog walkers have to sit outside in the rain. Let dogs into part of the café and put out a water bowl.",
    ),
    (
        "C29",
        "Dog-friendly seating area",
        "Make part of each café dog-friendly with a water bowl so dog owners can come in.",
    ),
    (
        "C30",
        "Take-back point for coffee capsules",
        "Set up a collection box where customers can return used aluminium coffee pods for recycling.",
    ),
    (
        "C31",
        "Cut down the number of drinks on the menu",
        "48 drinks is too many; half barely sell and their syrups go off. A smaller menu means less waste and faster ordering.",
    ),
    (
        "C32",
        "Local noticeboard in every branch",
        "A board where people can pin local events, choir practice and lost pets, so the café belongs to the street.",
    ),
    (
        "C33",
        "Metal spoons instead of wooden stirrers",
        "Hundreds of wooden stirrers get binned. Give people drinking in real spoons and hand out stirrers only when asked.",
    ),
    (
        "C34",
        "Let staff eat the leftovers",
        "Baristas should be allowed a meal from the unsold food at the end of the shift instead of binning it.",
    ),
    (
        "C35",
        "Cycle racks outside the cafés",
        "There's nowhere to lock a bike at most branches. A few bike stands by the door would attract cyclists.",
    ),
    (
        "C36",
        "One big table for groups and study",
        "All our tables are for two. A large shared table would suit students and teams in the quiet afternoons.",
    ),
    (
        "C37",
        "Deposit on overnight oats jars",
        "The glass jars for overnight oats get thrown away. Charge 50p deposit and reuse them.",
    ),
    (
        "C38",
        "Annual report on how much waste we produce",
        "Every year, publish each café's landfill, recycling and compost figures, including the bad ones.",
    ),
    (
        "C39",
        "A relaxed queue for customers who need time",
        "Like supermarkets' slow checkouts, a calm lane at quiet times for older customers and anxious people.",
    ),
    (
        "C40",
        "Guest beans from nearby roasteries",
        "Each month feature a coffee from a roaster within 30 miles: less transport and something new to try.",
    ),
    (
        "C41",
        "Bring your own container for food",
        "Allow customers to use their own box for sandwiches and pastries and give them the cup discount too.",
    ),
    (
        "C42",
        "Coffee-ground scrub made locally",
        "Partner with a local soap maker to turn our used grounds into a body scrub we sell at the counter.",
    ),
    (
        "C43",
        "Free filtered water instead of plastic bottles",
        "Take bottled water out of the fridge, offer filtered tap water in jugs and sell a refillable bottle.",
    ),
    (
        "B0",
        "Lighthouse set with keeper's cottage",
        "A striped lighthouse on rocks with a little cottage, a rowing boat and a lamp you turn with a crank.",
    ),
    (
        "B0",
        "Rocky coast lighthouse with rotating light",
        "Red and white tower on a rocky outcrop where the top light spins when you turn a handle.",
    ),
    (
        "B1",
        "Modular bakery on a street corner",
        "Two floors: a bread shop downstairs and an apartment with a balcony upstairs, connecting to other modular buildings.",
    ),
    (
        "B2",
        "Yellow submarine for ocean research",
        "A research sub with a grabbing arm, lights and a drawer for samples, plus a bit of seabed with coral.",
    ),
    (
        "B3",
        "Lunar rover with six wheels",
        "A moon buggy with suspension, a solar panel mast and a drill, on a landing pad that works as a stand.",
    ),
    (
        "B4",
        "1950s style space rocket and tower",
        "A retro chrome rocket on its launch gantry; the service arm swings away and the stages come apart.",
    ),
    (
        "B5",
        "Tree house with rope bridge",
        "A tree house across two branches with a rope bridge, a pulley basket and a secret-code hatch.",
    ),
    (
        "B6",
        "Painted canal boat",
        "A narrowboat with traditional roses-and-castles painting, a rooftop garden and a removable roof to see inside.",
    ),
    (
        "B7",
        "Alpine cable car between two stations",
        "A cabin that moves along a string when you turn a handle, with a restaurant at the upper station.",
    ),
    (
        "B8",
        "Castle gate with a working portcullis",
        "A medieval gatehouse with a drawbridge and a chain-driven portcullis, the start of an expandable castle.",
    ),
    (
        "B9",
        "Gardening robot with a watering can",
        "A cute tracked robot that waters a vegetable garden, with carrots you can pull out of the soil.",
    ),
    (
        "B10",
        "Green tank engine with carriages",
        "A steam train whose rods move as it rolls, pulling two coaches with doors that open, on standard track.",
    ),
    (
        "B11",
        "Wooden fire watch tower in the forest",
        "A tall lookout on legs above pine trees with a spiral staircase, a radio and a map table.",
    ),
    (
        "B12",
        "Fishing harbour market scene",
        "Fish stalls with ice, a crane unloading a fishing boat and a tiny café on the pier.",
    ),
    (
        "B13",
        "Steampunk zeppelin",
        "An airship with brass propellers and an open gondola, on a stand so it appears to fly.",
    ),
    (
        "B14",
        "Off-grid tiny home on a trailer",
        "A small house on wheels with solar panels, a folding deck, a loft bed and walls that open.",
    ),
    (
        "B15",
        "Polar research base",
        "An Arctic station on stilts with a snowcat, weather balloon and sled dogs; modules can be rearranged.",
    ),
    (
        "B16",
        "Japanese maple bonsai display model",
        "A bonsai tree in a shallow dish with swappable red and green leaves.",
    ),
    (
        "B17",
        "Phone box book exchange",
        "A red telephone kiosk turned into a mini library with tiny books, a bench and a lamp post.",
    ),
    (
        "B18",
        "Dutch windmill with tulip field",
        "A windmill whose sails turn with a crank and drive a millstone, surrounded by tulips in three colours.",
    ),
    (
        "B19",
        "Orbital lab module with docking port",
        "A space station section with solar wings and an astronaut; several modules join into a bigger station.",
    ),
    (
        "B20",
        "Retro camper with pop-up roof",
        "A two-colour campervan with a kitchen inside and a surfboard on the roof rack.",
    ),
    (
        "B21",
        "Glasshouse café with plants",
        "A Victorian greenhouse converted into a café with hanging plants, a spiral staircase and a coffee counter.",
    ),
    (
        "B22",
        "Clockwork dragon with flapping wings",
        "Turn the key on its back and the dragon's wings flap and its jaw opens. Copper and dark green.",
    ),
    (
        "B23",
        "Suspension bridge display",
        "A section of suspension bridge with towers, cables and a tram; join two for a full span.",
    ),
    (
        "B24",
        "Pastel ice cream van",
        "An ice cream van with a serving hatch, a big cone on top and scoops in six flavours.",
    ),
    (
        "B25",
        "Hidden pirate cave",
        "A cove with a secret cave behind hinged rocks, a pirate ship and a treasure chest on a trapdoor.",
    ),
    (
        "B26",
        "Observatory with rotating dome",
        "A hilltop observatory where the dome turns and opens, a tilting telescope and a glowing star map.",
    ),
    (
        "B27",
        "Articulated tram and tram stop",
        "A two-section city tram with doors that open, plus a stop with a timetable and bike rack.",
    ),
    ("B28", "Blossoming cherry tree", "A tall pink and white cherry tree with petals falling onto a stone path."),
    (
        "B29",
        "Red harbour tug",
        "A tugboat with tyre fenders, a removable wheelhouse and a towline, and it actually floats.",
    ),
    (
        "B30",
        "Robot band on stage",
        "Four little robots on drums, keyboard, bass and trumpet with stage lights, each with its own character.",
    ),
    (
        "B31",
        "Half-timbered medieval market square",
        "Three timber-framed houses with full interiors, a well and market stalls.",
    ),
    (
        "B32",
        "Three hot air balloons",
        "Hot air balloons with different patterns on stands of varying height, with basket crews.",
    ),
    (
        "B33",
        "Offshore wind farm set",
        "Three wind turbines on a sea base whose blades turn through gears, with a maintenance boat.",
    ),
]

# Same topic, different proposal: a suggestion here would be a false one.
HARD_NEGATIVES = [
    (
        "Charge extra for paper cups",
        "Instead of a discount for reusable cups, add a 20p charge on every disposable cup, like the bag charge.",
    ),
    (
        "Sell reusable cups made from coffee husks",
        "A range of cups made from coffee husk material, sold in several colours as a souvenir.",
    ),
    (
        "Wash customers' reusable cups properly",
        "Many keep-cups come in dirty. Rinse them with hot water before filling, for hygiene.",
    ),
    (
        "Deposit scheme for takeaway sandwich boxes",
        "A returnable lunchbox for takeaway salads, collected and washed at the central kitchen.",
    ),
    (
        "Donate leftover pastries to homeless shelters",
        "Give unsold food to a local shelter every evening instead of discounting it.",
    ),
    (
        "Bake bread in the cafés instead of the central bakery",
        "Small ovens in each café so bread is fresh all day and nothing is transported.",
    ),
    (
        "Use coffee grounds to grow mushrooms",
        "Oyster mushrooms grow on spent grounds; grow them in the basement and sell them in salads.",
    ),
    ("Paper straws that don't go soggy", "The current paper straws dissolve in ten minutes. Find a sturdier supplier."),
    (
        "Sell lids made of compostable material",
        "Our plastic lids should be replaced by plant-based lids that can go in the food bin.",
    ),
    (
        "Glass cups for iced drinks",
        "Iced coffees are served in plastic cups even for people staying in. Use glass tumblers.",
    ),
    (
        "Staff training on waste sorting",
        "Baristas need a short course on which bin is which, because they sort most of the waste.",
    ),
    (
        "Show the waiting time on a screen",
        "A screen showing how long the current queue will take, so people can decide to come back later.",
    ),
    (
        "Background music playlist chosen by customers",
        "Let regulars vote on the café playlist through the app each month.",
    ),
    ("Wi-Fi that actually works", "The Wi-Fi drops every twenty minutes. Upgrade the routers in every café."),
    ("USB chargers to borrow at the counter", "Lend phone chargers and power banks at the till against a deposit."),
    ("Table service for older customers", "Bring drinks to the table for people who find it hard to carry a tray."),
    (
        "Pre-order your usual drink with one tap",
        "Save a favourite drink in the app and order it with one button on the way in.",
    ),
    (
        "Drinking fountains in parks sponsored by the café",
        "Fund public water fountains in nearby parks with the café's name on them.",
    ),
    ("Oat milk made in-house", "Make our own oat milk from local oats to cut packaging and transport."),
    ("A vegan menu section", "Mark vegan pastries and sandwiches clearly and add a few more to the range."),
    ("Reusable sandwich bags for regulars", "Sell cloth sandwich bags that customers bring back each day."),
    ("Compost bins for customers' food scraps", "Let neighbours drop off their kitchen scraps in our compost bins."),
    (
        "Bigger bins so they don't overflow",
        "The bins by the door overflow at lunchtime. Empty them more often or buy bigger ones.",
    ),
    ("Cake of the month voted by customers", "Customers vote for one new cake each month, baked in limited numbers."),
    (
        "Freeze unsold cake and sell it as ice-cream sandwiches",
        "Turn leftover cake into frozen desserts for the summer.",
    ),
    (
        "Baking classes for kids on Saturdays",
        "Run a baking workshop for children in the quiet Saturday afternoon slot.",
    ),
    ("Hearing loop at the counter", "Install an induction loop at each till for customers with hearing aids."),
    ("Braille menus", "Offer menus in braille and large print at every café."),
    ("Family hour with a play corner", "A small play area with books and toys between 15:00 and 17:00 for parents."),
    ("High chairs in every café", "Several cafés have no high chairs at all. Get at least two per café."),
    ("Double stamps on rainy days", "Loyalty stamps count double when it rains, to bring people in on bad days."),
    ("Birthday drink on the loyalty card", "A free drink on your birthday for loyalty card holders."),
    ("Knitting club evenings", "Host a weekly knitting and crochet evening with a discount on hot chocolate."),
    (
        "Teach customers to fix their own coffee machines",
        "A workshop on descaling and repairing home espresso machines.",
    ),
    ("Oat milk in returnable bottles for customers", "Sell our oat milk to take home in glass bottles with a deposit."),
    ("Reusable cup subscription", "A monthly subscription that includes a cup and unlimited filter coffee refills."),
    ("Free coffee for nurses", "Health workers in uniform get a free filter coffee on weekdays."),
    (
        "Heat pumps instead of gas heating",
        "Replace the gas boilers in the cafés with heat pumps when they are due for renewal.",
    ),
    (
        "Solar panels on café roofs",
        "Put solar panels on the cafés we own to cover part of the espresso machines' power.",
    ),
    ("Carbon offset option at checkout", "Let customers add 5p to offset the footprint of their drink."),
    (
        "Price drinks by size more fairly",
        "The large is only 20p more than the medium, which encourages waste. Rebalance the prices.",
    ),
    ("Outdoor heaters on the terrace", "Put heaters outside so the terrace can be used in autumn."),
    ("Plants on every table", "Small potted herbs on each table to make the café greener."),
    ("Water bowls and dog treats by the door", "Keep dogs outside but put out water bowls and treats for them."),
    ("Sell coffee beans in refillable tins", "Customers bring back the tin to refill it with beans at a discount."),
    ("Staff discount on reusable cups", "Give baristas a free reusable cup and a discount on drinks in it."),
    ("Spanish and Polish menus", "Many customers don't read English well. Offer menus in other languages."),
    ("Free tap water with every meal", "Put a jug of water on the table whenever someone orders food."),
    ("Longer opening hours on Fridays", "Stay open until 22:00 on Fridays with a late-night menu."),
    (
        "Self-service coffee machine for regulars",
        "A bean-to-cup machine at the side for people who only want a quick filter coffee.",
    ),
    ("Standing tables near the window", "Tall standing tables for people who stop for ten minutes."),
    ("Cargo bike deliveries between cafés", "Move pastries between cafés by cargo bike instead of van."),
    ("Employee bike purchase scheme", "Help staff buy bikes for their commute through a salary scheme."),
    ("Bookable meeting room", "A small room in the bigger cafés that teams can book by the hour."),
    ("Lockers for shoppers' bags", "Lockers so people can leave shopping while they sit down."),
    ("Menu with photos of every drink", "Add photos to the menu board so people know what a cortado is."),
    (
        "Seasonal drinks only four times a year",
        "Limit special seasonal drinks to one per season to reduce syrup waste.",
    ),
    ("Community pantry shelf", "A shelf where neighbours can leave and take tinned food for free."),
    (
        "Recycle the milk cartons we already use",
        "Flatten and recycle the milk cartons properly instead of putting them in general waste.",
    ),
    ("Publish supplier working conditions", "Tell customers how the coffee farmers who grow our beans are paid."),
    (
        "Lighthouse keepers' quarters interior set",
        "A dollhouse-style interior of a keeper's home with kitchen and bedroom, without any tower.",
    ),
    (
        "Pirate ship with working cannons",
        "A large three-masted pirate galleon with sails, cannons that fire and a crew.",
    ),
    ("Underwater city with glowing domes", "A fantasy city on the sea floor with glowing domes and mermaids."),
    ("Mars base with greenhouse", "A habitat on Mars with a greenhouse module, an airlock and a dust storm backdrop."),
    (
        "Space shuttle with opening cargo bay",
        "A detailed model of a space shuttle with a satellite in the payload bay.",
    ),
    ("Tree-top adventure park", "Zip lines and climbing nets between several trees, with instructors."),
    ("Houseboat on a lake", "A wide modern houseboat with a sun deck, moored on a lake with a jetty."),
    ("Ski jump with moving skier", "A ski jump ramp where a minifigure skier slides down and takes off."),
    ("Castle throne room", "The great hall of a castle with a throne, banners and a feast table."),
    ("Robot lawnmower", "A small model of a robotic lawnmower with a charging station."),
    ("Diesel freight train", "A freight locomotive with container wagons and a loading crane."),
    ("Forest ranger cabin", "A log cabin in the woods with a canoe and a campfire."),
    ("Seaside fish and chip shop", "A chip shop on the promenade with a neon sign and seagulls."),
    ("Hot air balloon single large model", "One big detailed balloon with a burner that lights up, for display."),
    ("Caravan park with three caravans", "A small holiday park with static caravans and a shop."),
    ("Antarctic penguin colony", "A snowy scene with penguins, an iceberg and a small research hut."),
    ("Bonsai pine on a rock", "A black pine bonsai growing over a stone, in a round pot."),
    ("Red double-decker bus", "A London-style double-decker bus with an open rear platform."),
    ("Flower shop on the corner", "A florist with buckets of flowers outside and a delivery bike."),
    ("Satellite dish ground station", "A tracking station with a big rotating dish and a control room."),
    ("Food truck festival", "Three food trucks selling tacos, noodles and burgers around picnic tables."),
    ("Mechanical butterfly", "A small clockwork butterfly whose wings open and close."),
    ("Golden Gate style bridge skyline", "A skyline of a bay city with many buildings and a bridge in the background."),
    ("Pirate treasure map poster set", "A flat mosaic of a treasure map to hang on the wall."),
    ("Planetarium dome show", "A planetarium with seats and a projector showing the night sky."),
    ("Bus station with timetable board", "A bus station with shelters, a timetable board and a ticket office."),
    ("Autumn oak tree", "A big oak tree with orange and brown leaves and a squirrel."),
    ("Lifeboat station", "A lifeboat house with a slipway and an orange rescue boat."),
    ("Jazz club with musicians", "A smoky jazz club with a piano player, a singer and a small bar."),
    ("Medieval blacksmith forge", "A forge with an anvil, bellows and a glowing fire."),
    ("Kite festival on the beach", "Colourful kites flying over a beach with families."),
    ("Solar farm with battery storage", "Rows of solar panels with a battery building and a substation."),
    ("Canal lock with moving gates", "A lock on a canal whose gates open and a boat that rises with the water."),
    ("Windmill bakery shop", "A bakery selling bread in a shop building, with flour sacks and a delivery van."),
    ("Steam paddle ship", "A paddle steamer with turning wheels for a river scene."),
    ("Robot that cleans the house", "A humanoid robot vacuuming a living room."),
    ("Tiny greenhouse for the windowsill", "A small glass greenhouse with seedlings to display on a shelf."),
    ("Ice rink with skaters", "A winter ice rink with skaters, a hot chocolate stand and lights."),
    ("Observatory telescope keyring", "A keyring version of a telescope in a few pieces."),
]


def near_verbatim(rng: random.Random, title: str, alt: str, body: str) -> tuple[str, str]:
    sentences = [s.strip() for s in body.replace("**", "").replace("*", "").split(". ") if s.strip()]
    kind = rng.randrange(4)
    if kind == 0:  # alternative title, full body
        return alt, body
    if kind == 1:  # same title, first sentences only
        return title, ". ".join(sentences[: max(1, len(sentences) - 1)])
    if kind == 2:  # a typo in the title and lower case
        words = title.split()
        i = rng.randrange(len(words))
        if len(words[i]) > 3:
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1 :]
        return " ".join(words).lower(), body
    return f"{title} (again)", " ".join(reversed(sentences))


def main() -> None:
    rng = random.Random(20260801)
    corpus = [(f"C{i}", e) for i, e in enumerate(CAFE_IDEAS)] + [(f"B{i}", e) for i, e in enumerate(BRICKS_IDEAS)]
    with (HERE / "similarity_corpus.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "body"])
        for cid, (title, _alt, body, *_rest) in corpus:
            w.writerow([cid, title, body])
    with (HERE / "similarity_queries.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["title", "body", "duplicate_of", "kind"])
        for cid, (title, alt, body, *_rest) in corpus:
            w.writerow([*near_verbatim(rng, title, alt, body), cid, "near_verbatim"])
        for cid, title, body in PARAPHRASES:
            w.writerow([title, body, cid, "paraphrase"])
        for title, body in HARD_NEGATIVES:
            w.writerow([title, body, "", "hard_negative"])


if __name__ == "__main__":
    main()
