"""Word lists for the name detector: cues, titles, and capitalised words that are not names.

Every list is lower case and compared with a token's ``casefold()``. The lists
cover English, Spanish, French, German, Portuguese and Italian.
"""

from __future__ import annotations

__all__ = [
    "ANIMALS",
    "ARTICLES",
    "CONNECTORS",
    "CUES",
    "CUES_2",
    "GERMAN_MARKERS",
    "ORG_WORDS",
    "PERSON_VERBS",
    "PLACES",
    "PLACE_ENDINGS",
    "PLACE_PREPOSITIONS",
    "RELATIVES",
    "STOP",
    "TITLES",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: A word right before a capitalised word that makes it a person's name.
CUES = _words("""
    meet met meeting meets with birthday welcome welcoming congrats congratulations thanks thank
    shoutout kudos hi hello hey bye goodbye farewell remembering honoring honouring featuring
    conocer conocimos conoce conocí con felicidades felicitaciones gracias bienvenido bienvenida
    bienvenidos saludos enhorabuena
    rencontrer rencontré rencontrée rencontrés avec félicitations merci bienvenue bravo
    salut rencontre
    treffen getroffen kennenlernen kennengelernt mit danke glückwunsch glückwünsche willkommen
    gratulieren gratulation
    com conhecer parabéns obrigado obrigada bem-vindo bem-vinda
    conoscere conosciuto grazie complimenti benvenuto benvenuta auguri incontrato
    conhecemos conheci encontrámos encontramos
""")

#: Two words right before a capitalised word that make it a name ("congrats to Maria").
CUES_2 = frozenset({
    ("congrats", "to"), ("congratulations", "to"), ("thanks", "to"), ("out", "to"),
    ("hi", "to"), ("goodbye", "to"), ("farewell", "to"), ("thank", "you"),
    ("birthday", "to"), ("shoutout", "to"), ("kudos", "to"), ("proud", "of"),
    ("conocer", "a"), ("conocimos", "a"), ("felicidades", "a"), ("gracias", "a"),
    ("felicitaciones", "a"), ("saludos", "a"), ("bienvenida", "a"), ("bienvenido", "a"),
    ("félicitations", "à"), ("merci", "à"), ("bienvenue", "à"), ("bravo", "à"),
    ("danke", "an"), ("glückwunsch", "an"), ("grüße", "an"), ("gratulation", "an"),
    ("parabéns", "a"), ("parabéns", "ao"), ("parabéns", "à"), ("obrigado", "a"),
    ("grazie", "a"), ("complimenti", "a"), ("auguri", "a"), ("hola", "a"), ("grâce", "à"),
    ("conhecemos", "a"), ("conhecemos", "o"), ("encontrámos", "o"), ("encontrámos", "a"),
    ("com", "o"), ("com", "a"), ("obrigada", "a"),
})

#: Words that, after ``and`` or ``y`` right after a capitalised word, show it names a
#: person: "Isabella and her mom", "Valentina y su abuela", "Luisa und ihren Bruder".
RELATIVES = _words("""
    his her their my our su sus mi sa son ses leur mon ma ihr ihre ihren ihrem seine seinen
    seinem seiner sein meine mein i il la o a suo sua seu sua
    mom mum mother dad father grandma grandpa grandmother grandfather brother sister
    madre padre mamá papá abuela abuelo hermano hermana tía tío
    maman papa mère père mamie papi frère sœur
    mutter vater mama oma opa bruder schwester
    mãe pai avó avô irmão irmã mamma papà nonna nonno fratello sorella
""")

#: Verbs that, right after a capitalised word opening a sentence, make it a person:
#: "Mia got to sit in a patrol car", "Felix wollte ...", "Leonardo ha disegnato".
PERSON_VERBS = _words("""
    got wanted loved brought asked told helped drew gave showed tried wants loves
    quería quiso trajo ayudó regaló dibujó nos
    voulait veut
    hat hatte wollte möchte
    ha
    quis trouxe trouxeram
""")

#: Animals: a capitalised word right after one is a pet or a police dog, not a person.
ANIMALS = _words("""
    dog dogs puppy k9 k-9 horse cat chien chiot cheval chat perro perrito caballo gato
    hund pferd katze cão cavalo gato cane cavallo
""")

#: Articles: a capitalised word after one is a thing or an event ("the Polar Plunge",
#: "la Feria"), rarely a person.
ARTICLES = _words("""
    the el la los las le les der die das den dem des il lo gli un una une ein eine einen
    einem du del della dello degli dei al au aux
""")

#: Words joining two names: "Giselle & Aliyah", "Lena und Paul".
CONNECTORS = _words("& and y e et und ou or o oder")

#: Words before a name that say who the person is; they are not part of the name.
TITLES = _words("""
    officer ofc off. sgt sgt. sergeant deputy dep. detective det. det lt lt. lieutenant
    captain capt capt. cpl cpl. corporal chief trooper constable pc pcso inspector
    mr mr. mrs mrs. ms ms. miss dr dr. coach principal mayor councilman councilwoman
    councilmember councillor commissioner sheriff superintendent judge pastor father
    sister brother uncle aunt auntie grandma grandpa mom dad mama papa
    señor señora sr sr. sra sra. srta don doña agente oficial sargento teniente comisario
    inspectora alcalde alcaldesa profesor profesora maestro maestra
    monsieur madame mademoiselle m. mme mme. mlle brigadier gendarme adjudant capitaine
    lieutenant-colonel commandant maire professeur
    herr frau polizeikommissar polizeikommissarin kommissar kommissarin polizeimeister
    polizeimeisterin polizeihauptmeister polizeihauptmeisterin polizeioberkommissar
    polizeioberkommissarin bürgermeister bürgermeisterin kollege kollegin lehrer lehrerin
    herrn doktor oma opa bruder schwester familie tante onkel kollegen colleague collègue
    compañero compañera collega
    hermano hermana abuela abuelo tía tío familia frère sœur mamie papi famille
    senhor senhora dona dom irmão irmã avó avô signor signora sig. sig.ra agente
""")

#: Words that make a run of capitalised words an organisation, event or place.
ORG_WORDS = _words("""
    police department dept dept. pd sheriff's office county city town village district
    state university college school academy elementary middle high library museum hospital
    church center centre park parks street st st. avenue ave ave. road rd rd. boulevard blvd
    lane ln drive court ct place plaza square way highway hwy bridge station mall
    market hall club league association foundation fund council committee board bank
    community neighborhood neighbourhood recreation rec ymca ywca boys girls scouts troop unit
    division precinct
    fire rescue ems patrol task force team squad services service agency bureau
    authority corporation company inc llc co. restaurant cafe café coffee bakery
    store shop pizza grill kitchen bar stadium arena field gym pool beach lake river
    creek hill hills heights valley springs garden gardens zoo airport port harbor harbour
    elementary's school's church's
    policía policia guardia civil municipal nacional calle avenida plaza parque colegio
    escuela instituto ayuntamiento biblioteca mercado barrio hospital iglesia río roja
    gendarmerie nationale police municipale rue boulevard avenue place parc école collège
    lycée mairie bibliothèque marché quartier hôpital église commissariat
    polizei feuerwehr straße strasse platz weg allee gasse ring park schule grundschule
    gymnasium rathaus bibliothek markt bahnhof kirche krankenhaus polizeiinspektion
    polizeipräsidium polizeidirektion revier wache kita kindergarten verein
    polícia rua praça escola câmara polizia carabinieri via piazza scuola comune
    pont quartiere liceo ponte
""")

#: Places that appear without a word such as "Street" to say so.
PLACES = _words("""
    springfield shelbyville riverside fairview franklin greenville madison georgetown clinton
    salem arlington ashland dover oakwood maplewood kingston milton newport centerville
    america usa us uk england scotland wales ireland canada mexico méxico españa spain
    france germany deutschland italia italy portugal brasil brazil europe europa
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    chicago boston denver seattle portland phoenix houston dallas austin atlanta miami
    detroit memphis nashville louisville baltimore philadelphia pittsburgh cleveland
    columbus cincinnati toledo omaha tulsa albuquerque tucson sacramento oakland fresno
    london manchester birmingham leeds liverpool glasgow edinburgh cardiff belfast dublin
    toronto vancouver montreal montréal ottawa
    madrid barcelona valencia sevilla málaga bilbao zaragoza granada murcia alicante
    córdoba cordoba toledo salamanca lima bogotá bogota quito santiago caracas
    paris lyon marseille toulouse nice nantes strasbourg montpellier bordeaux lille rennes
    grenoble dijon reims toulon
    berlin hamburg münchen munich köln cologne frankfurt stuttgart düsseldorf dortmund
    essen leipzig bremen dresden hannover nürnberg wien vienna zürich zurich
    bayern sachsen hessen thüringen brandenburg niedersachsen nordrhein-westfalen
    lisboa lisbon porto roma rome milano milan napoli naples torino turin firenze bologna
    north south east west little rock
""")

#: Endings of place names: Oakwood, Fairfield, Brookville, Hamburg.
PLACE_ENDINGS = ("wood", "field", "ville", "town", "burg", "bury", "borough", "port", "dale",
                 "ford", "view", "ridge", "mont", "stadt", "dorf", "heim", "hausen", "berg",
                 "land", "shire", "haven", "brook", "crest", "grove", "side")

#: Words before a capitalised word that make it a place: "in Springfield", "à Lyon".
PLACE_PREPOSITIONS = _words("""
    in at on from near to into around across through of
    en desde hacia por del de
    à au aux vers dans près
    im am aus nach bei zum zur von vom
    em no na do da
    a al alla nel di della del dei
""")

#: Frequent words in German text: with enough of them, bare capitalised nouns are not names.
GERMAN_MARKERS = _words("""
    der die das und ist nicht wir ein eine einen dem den mit für auf heute haben sind
    unsere unser unseren unserem auch zu bei beim vom zum zur im am sich noch viel vielen
    dank hat uns von ihr ihren ihre sie bitte jetzt vor war dabei ganz wird werden
""")

_COMMON = """
    with for and of to in on at by from about or but as into over after before
    a an the this that these those our my your his her their its we i you he she they it
    us me them who what when where why how which all any each every some many much more most
    no not yes so if then than too very just only also again still now today tonight
    tomorrow yesterday here there please thanks thank great good nice happy proud fun
    awesome amazing big huge special big best first last next new old another other
    join come see stop check look read learn help keep stay remember don't let's let
    don't can't won't it's we're we've you're that's there's
    meet welcome congrats congratulations shoutout shout hello hi hey good morning
    afternoon evening night day week weekend month year years summer winter spring fall
    autumn holiday holidays birthday
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    lunes martes miércoles jueves viernes sábado domingo
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    lundi mardi mercredi jeudi vendredi samedi dimanche
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    januar februar märz april juni juli oktober dezember
    segunda terça quarta quinta sexta sábado domingo lunedì martedì mercoledì giovedì
    venerdì sabato
    christmas halloween easter thanksgiving hanukkah ramadan eid diwali kwanzaa juneteenth
    navidad pascua noël pâques weihnachten ostern silvester natale
    national international global annual community night out back school bash trunk treat
    coffee cop cops shop safety awareness week month day fair festival parade run walk
    drive event events program camp academy expo open house tour visit
    officers officer deputies police k9 k-9 dare santa mcgruff sparky
    instagram facebook twitter tiktok youtube mastodon bluesky google zoom
    english spanish french german american mexican black white
    god lord jesus eve junior senior class chamber commerce watch brothers sisters
    walmart target costco starbucks aldi lidl mercadona carrefour ikea amazon kroger
    walgreens cvs dunkin internacional nacional
    yesterday's today's tonight's
    hoy mañana ayer gracias muchas buen buenos buenas feliz felices gran grande nuestro
    nuestra nuestros nuestras el la los las un una unos unas este esta estos estas que
    qué como cómo donde dónde cuando cuándo muy más también hoy aquí allí bienvenidos
    felicidades hola saludos únete ven vengan recuerda no sí gracias día semana mes año
    noche tarde verano invierno primavera otoño agentes agente policía vecinos vecinas
    niños niñas familia familias escuela seguridad comunidad
    aujourd'hui demain hier merci beaucoup bon bonne bonnes bons joyeux joyeuse grand grande
    notre nos votre vos le la les un une des ce cette ces que qui quand où comment très
    aussi ici là bienvenue félicitations bonjour bonsoir salut rejoignez venez n'oubliez
    oui non jour semaine mois année soir matin été hiver printemps automne agents policiers
    gendarmes voisins enfants famille familles sécurité quartier
    heute morgen gestern danke vielen dank gut guten gute großer große großes unser unsere
    der die das ein eine wir ihr sie es wie wo wann was warum sehr auch hier dort
    willkommen herzlichen herzlich glückwunsch hallo kommt komm ja nein tag woche monat
    jahr abend nacht sommer winter frühling herbst polizisten polizistinnen kinder eltern
    nachbarn familie familien sicherheit bürger bürgerinnen kindern schülern schüler
    schülerinnen kollegen kolleginnen bürgern jugendlichen anwohnern gästen besuchern
    besuch einsatz verkehr fahrrad fahrräder präventionstag präventionstag info stand
    hoje amanhã obrigado obrigada bom boa parabéns olá nosso nossa crianças família
    oggi domani grazie buon buona benvenuti ciao nostro nostra bambini famiglia
"""

#: Capitalised words that are not names: function words, days, months, holidays, common
#: words that open a sentence or a title-cased event name.
STOP = _words(_COMMON) | frozenset(w for w in PLACES)
