"""What the accounts write: caption templates, and the campaigns with their dates."""

from __future__ import annotations

from datetime import date, time

# -- what the accounts write --------------------------------------------------------------------
#
# A template is a caption with slots: {park}, {hall}, {school} (a place of that kind), {kid} and
# {kid2} (children's first names), {cp} (a #CommunityPolicing tag in the account's habitual
# casing), {year} and {link}. Hashtags and mentions are written as they would be typed;
# everything else is derived from the text.

CP_CASINGS = {  # how each account writes #CommunityPolicing, with weights
    "instagram": [("#communitypolicing", 3), ("#CommunityPolicing", 2)],
    "facebook": [("#CommunityPolicing", 3), ("#communitypolicing", 1)],
    "twitter": [("#CommunityPolicing", 4), ("#COMMUNITYPOLICING", 1)],
    "mastodon": [("#CommunityPolicing", 2), ("#COMMUNITYPOLICING", 1)],
    "bluesky": [("#CommunityPolicing", 3), ("#communitypolicing", 1)],
}

DEPT = [
    "Coffee with a cop at {hall} ☕ Thanks to everyone who stopped by to chat! "
    "#CoffeeWithACop {cp}",
    "Neighborhood walk through Old Town this afternoon 👮‍♀️👮 Say hi if you see us! {cp}",
    "Reminder: lock your car and take your valuables with you 🔒 #9PMRoutine #MapleHarbor",
    "We're hiring! Join a department that shows up for its neighbors 💙 Apply: {link} #NowHiring",
    "K9 demo at {park} 🐕 K9 Bruno stole the show again. #K9 {cp}",
    "Thank you to the volunteers who cleaned up at {park} this weekend 🌊💪 #MapleHarborStrong",
    "Lost and found: a very good dog found near {park} 🐶 Call the front desk to claim him!",
    "Reading buddies at {school} 📚 Our officers read to the second graders this morning. "
    "#ReadingIsFun {cp}",
    "Shout out to the crossing guards at {school} 🙌 Rain or shine! #BackToSchool {cp}",
    "Storm update: downed lines on Cedar Street, please avoid the area ⚠️ #MapleHarborAlert",
    "Fishing derby at {park} 🎣 The fish were not biting, the kids were. #MapleHarborStrong",
    "Our officers joined the #SpecialOlympics torch run today 🔥🏃 #LETR #TorchRun",
    "Self-defense basics for seniors at {hall} this Thursday 👵👴 Free, no sign-up. {cp}",
    "Free bike registration at {hall} on Saturday 🚲 Stolen bikes with a number come home. "
    "#BikeSafety",
    "Heat advisory today ☀️🥵 Check on your neighbors and never leave pets in the car. "
    "#MapleHarbor",
    "Citizens Police Academy graduation tonight 🎓 22 neighbors, 10 weeks, lots of questions. "
    "{cp}",
    "Drug take-back day at {hall} 💊 Drop off old medication, no questions asked. #TakeBackDay",
    "Fog on the harbor this morning 🌫️ Headlights on, slow down on Waterfront Dr. "
    "#TrafficSafety",
    "Pumpkin carving with the Eastside teen club 🎃 The judges were our dispatchers. {cp}",
    "Holiday toy drive: drop new, unwrapped toys at the front desk until the 15th 🎁🧸 "
    "#ToyDrive {cp}",
]
DEPT_KIDS = [
    "Great to meet {kid} & {kid2} today! 🚲 #BikeRodeo {cp}",
    "Thanks {kid} for showing us your bike skills at {park}! 🏆 #BikeSafety",
    "Shout out to {kid} and {kid2} for the amazing drawing 🖍️ It hangs at the front desk now. {cp}",
    "Happy 8th birthday, {kid}! 🎂 Thanks for inviting us to the party #MapleHarborStrong",
    "Congrats to {kid} on winning the safety poster contest! 🎨 #BackToSchool",
    "Great to see {kid} and {kid2} at the library story hour 📚 #ReadingIsFun",
]
ORTIZ = [
    "Charla de seguridad en {hall} para padres y abuelos 👨‍👩‍👧 #SeguridadVial {cp}",
    "Foot patrol downtown today, stop and say hi 👋 ¡Hasta pronto! {cp}",
    "Café con un policía ☕ Coffee with a cop at {hall}, en español y en inglés. "
    "#CoffeeWithACop #CaféConUnPolicía",
    "Car seat check at {hall} 🚗👶 Most seats we checked needed a fix. #SeguridadVial",
    "Proud to serve the community that raised me 💙 #OrgulloLatino {cp}",
    "Clínica de bicicletas en {park} 🚲🔧 Gracias a todos los voluntarios. #BikeSafety",
    "Soccer with the Eastside kids after shift ⚽ I lost 4 to 1. #PolicíaComunitaria",
    "Los jueves estoy en {hall} de 3 a 5. Pasen a saludar ☕🙂 {cp}",
    "Back on nights this month 🌙 Stay safe out there, Maple Harbor. #NightShift",
    "Tamales for the whole shift, courtesy of the Eastside church ladies 🫔❤️ #Gracias",
]
ORTIZ_KIDS = [
    "¡Qué gusto conocer a {kid} y {kid2} hoy! 🚲 #PolicíaComunitaria {cp}",
    "Gracias a {kid} y {kid2} por el dibujo ❤️ #PolicíaComunitaria",
    "Great to meet {kid} & {kid2} at {park} today! 🙌 {cp}",
]
BELL = [
    "Traffic safety reminder: school zones are 20 mph from 7 to 4 🚸 #TrafficSafety #MapleHarbor",
    "Community meeting tonight at {hall}, 6:30pm. Bring your questions about the new bike lanes. "
    "{cp} #BikeLanes",
    "Spent the afternoon with the Eastside neighborhood watch. Good people, good coffee. "
    "#NeighborhoodWatch {cp}",
    "You can report a non-emergency online: {link}\n\nNo need to wait on hold. #MapleHarbor",
    "Talking with @library@civic.mapleharbor.example about the summer reading program 📚 "
    "#SummerReading {cp}",
    "Speed trailer is up on Westview Blvd this week. It is there to inform, not to ticket. "
    "#TrafficSafety",
    "Night shift tip: if something looks off in your neighborhood, call it in. You are never "
    "bothering us. {cp}",
    "Bike lane sweep done on River Rd 🧹🚲 Thanks to public works. #BikeLanes #VisionZero",
    "Crosswalk sting on Front St this morning: 14 drivers did not stop for our decoy 🚶 "
    "#VisionZero #TrafficSafety",
    "Catalytic converter thefts are up on the Eastside. Park in the light, etch your VIN. "
    "#NeighborhoodWatch",
    "New signal at Harbor Ave and 5th goes live Monday 🚦 Give it a week. #TrafficSafety",
    "Our radar feedback signs are solar powered. Nobody steal them, please. #MapleHarbor",
    "Walked the Eastside with the neighborhood watch captains tonight. Three streetlights out, "
    "reported. {cp}",
    "Winter driving: the bridge freezes first ❄️🚗 #TrafficSafety #MapleHarbor",
]
BELL_KIDS = [
    "Thanks to {kid}, age 9, for the traffic-cone art 🎨 It is going up in the lobby. #BikeSafety",
    "Shout out to {kid} and {kid2}, our youngest crossing-guard helpers at {school} 🚸 "
    "#SafeRoutesToSchool",
]
RAMAN = [
    "Cricket camp with the Eastside youth league today 🏏 #YouthCricket {cp}",
    "Self-defense class for teens at {hall} this Saturday 💪 #YouthSafety",
    "Proud to graduate from the crisis intervention course 🎓 #CIT #MentalHealthAwareness",
    "Scam alert: nobody from the police will ask you for gift cards. सावधान रहें 🙏 #ScamAlert "
    "#सुरक्षा",
    "Story hour at {hall} with the little ones 📖 #ReadingIsFun {cp}",
    "Walked the Eastside night market with @police.mapleharbor.example tonight 🌙 "
    "#NightMarket {cp}",
    "Teen advisory board meets Tuesday at {hall}. Pizza is on us 🍕 #YouthVoice",
    "Mental health first aid training for the whole squad today 🧠💚 #MentalHealthAwareness",
    "Chai and chats at {hall} 🫖 Come tell us what your block needs. {cp}",
    "Summer jobs fair for teens at {school} ☀️ 30 employers, bring a résumé. #YouthVoice",
    "Walking the school route with the crossing guards at {school} 🚸 #SafeRoutesToSchool",
    "Senior center visit: we talked phone scams and played carrom 🙂 #ScamAlert {cp}",
]
RAMAN_KIDS = [
    "Met {kid} and {kid2} at the library story hour today 📚 #ReadingIsFun",
    "Great to meet {kid} & {kid2} at cricket camp! 🏏 Future stars. #YouthCricket",
]

#: Campaigns: the local dates, and what each account posts before, on and after the day.
#: An entry is (days from the day, local time, template).
NNO = [date(2023, 8, 1), date(2024, 8, 6)]
CAMPAIGNS: dict[str, tuple[list[date], dict[str, list[tuple[int, time, str]]]]] = {
    "nno": (NNO, {
        "dept": [
            (-7, time(10, 0), "National Night Out is one week away! Register your block party: "
                              "{link} #NationalNightOut #NNO{year}"),
            (0, time(19, 30), "Tonight's the night 🎉 Find us at block parties all over town. "
                              "#NationalNightOut {cp}"),
            (1, time(9, 15), "Thank you, Maple Harbor! So many block parties and a lot of hot "
                             "dogs 🌭🎉 #NationalNightOut #NNO{year}"),
        ],
        "bell": [(0, time(20, 10), "Block party number four tonight. I have eaten too many "
                                   "cookies. #NationalNightOut {cp}")],
        "ortiz": [(0, time(18, 45), "¡Noche Nacional! National Night Out en {park} 🎉 "
                                    "#NationalNightOut #NocheNacional")],
        "raman": [(0, time(19, 5), "First National Night Out with the department ✨ What a "
                                   "night! #NationalNightOut {cp}")],
    }),
    "cwac": ([date(2023, 10, 4), date(2024, 10, 2)], {
        "dept": [(-1, time(11, 0), "National Coffee with a Cop Day is tomorrow ☕ Find us at "
                                   "{hall} from 8 to 11. #CoffeeWithACop"),
                 (0, time(9, 30), "The coffee is hot and the line is long ☕☕ #CoffeeWithACop "
                                  "{cp}")],
        "ortiz": [(0, time(10, 20), "Café con un policía ☕ ¡Gracias por venir! #CoffeeWithACop "
                                    "#CaféConUnPolicía")],
    }),
    "swac": ([date(2023, 12, 16), date(2024, 12, 14)], {
        "dept": [(0, time(14, 0), "Shop with a cop 🛒🎁 Our officers helped 30 kids shop for "
                                  "their families today. #ShopWithACop {cp}")],
        "ortiz": [(0, time(15, 10), "Shop with a cop 🎁 Best day of the year. #ShopWithACop "
                                    "#PolicíaComunitaria")],
    }),
    "rodeo": ([date(2023, 5, 13), date(2024, 5, 18)], {
        "dept": [(0, time(12, 30), "Bike rodeo at {school} 🚲 Helmets on, hand signals ready! "
                                   "#BikeRodeo #BikeSafety {cp}")],
        "bell": [(0, time(13, 0), "Bike rodeo: 120 helmets fitted 🚲⛑️ #BikeRodeo #BikeSafety")],
    }),
    "school": ([date(2023, 8, 29), date(2024, 8, 27)], {
        "dept": [(0, time(7, 45), "First day of school 🍎🚸 Slow down near the schools, our "
                                  "officers are at the crosswalks. #BackToSchool")],
    }),
    "halloween": ([date(2023, 10, 31), date(2024, 10, 31)], {
        "dept": [(0, time(17, 0), "Trunk or treat at {park} 🎃👻 Thanks for coming in costume! "
                                  "#TrunkOrTreat {cp}")],
    }),
    "greekfest": ([date(2023, 6, 10), date(2024, 6, 8)], {
        "dept": [(0, time(16, 20), "Χρόνια πολλά! Our officers at the Greek festival 🇬🇷💃 "
                                   "#ΕλληνικόΦεστιβάλ #GreekFest {cp}")],
    }),
    "pascha": ([date(2023, 4, 16), date(2024, 5, 5)], {
        "dept": [(0, time(10, 0), "Καλό Πάσχα from the Maple Harbor Police Department 🕯️🥚 "
                                  "#ΚαλόΠάσχα #Πάσχα")],
    }),
    "tet": ([date(2023, 1, 22), date(2024, 2, 10)], {
        "dept": [(0, time(11, 30), "Chúc Mừng Năm Mới! Lunar New Year greetings to all our "
                                   "neighbors 🧧🐉 #TếtNguyênĐán #LunarNewYear")],
    }),
    "iftar": ([date(2023, 4, 8), date(2024, 3, 30)], {
        "dept": [(0, time(21, 0), "Thank you to the Islamic Center for hosting us at the "
                                  "community iftar 🌙 رمضان كريم #رمضان_كريم #Ramadan {cp}")],
    }),
    "muertos": ([date(2023, 11, 2), date(2024, 11, 2)], {
        "ortiz": [(0, time(17, 30), "¡Feliz Día de los Muertos! Gracias por invitarnos a su "
                                    "ofrenda 🌼💀 #DíaDeLosMuertos {cp}")],
    }),
    "diwali": ([date(2023, 11, 12), date(2024, 11, 1)], {
        "raman": [(0, time(18, 0), "शुभ दीपावली! Diwali greetings from Maple Harbor 🪔✨ "
                                   "#दिवाली #Diwali")],
    }),
    "welcome": ([date(2024, 2, 5)], {
        "dept": [(0, time(12, 0), "Welcome to the Eastside beat, Officer Priya Raman! 💙 {cp}")],
    }),
    "holi": ([date(2023, 3, 8), date(2024, 3, 25)], {
        "raman": [(0, time(12, 0), "होली की शुभकामनाएं! Colors at Eastside park today 🎨🌈 "
                                   "#होली #Holi {cp}")],
    }),
}
