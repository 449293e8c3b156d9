/** Vocabulary for generated news text: enough variety that full-text search has realistic selectivity. */
export const WORDS = (
  "the government said unemployment inflation rate rose fell percent million billion budget deficit hospital waiting times " +
  "schools teachers police crime figures migration border asylum housing prices rent energy bills gas electricity climate " +
  "emissions target carbon tax pension reform minister president parliament vote election campaign poll survey report " +
  "official statistics data agency year last month quarter growth economy recession jobs wages minimum salary workers strike " +
  "union health service doctors nurses vaccine pandemic cases deaths record highest lowest since decade century promise " +
  "pledge plan policy law bill court ruling judge investigation corruption scandal spending cuts investment railway roads " +
  "airport transport fares water pollution river farmers food prices supermarket trade exports imports tariffs europe " +
  "nation region city council mayor local residents families children students university fees debt interest bank central " +
  "currency market shares company profits billionaire tax evasion fraud benefit welfare disability care homes elderly " +
  "military defence army spending nato war ceasefire refugees aid humanitarian foreign embassy sanctions oil prices drilling " +
  "wind solar nuclear plant power outage internet broadband digital privacy social media platform misinformation newspaper " +
  "television radio journalist interview speech debate rally statement announced claimed denied accused warned predicted " +
  "doubled tripled halved increased decreased never always every nobody everybody fastest biggest smallest ever history"
).split(" ");

export const FIRST_NAMES = ["Ana", "Boris", "Chloé", "David", "Elena", "François", "Grace", "Hassan", "Ingrid", "José", "Katarzyna", "Liam", "Marta", "Nikos", "Olga", "Pedro", "Queenie", "Rafael", "Sofia", "Tomás", "Ursula", "Viktor", "Wen", "Yusuf", "Zoë"];
export const LAST_NAMES = ["Álvarez", "Bauer", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Horvat", "Ivanova", "Jansen", "Kowalski", "López", "Müller", "Nowak", "O'Brien", "Papadopoulos", "Rossi", "Schmidt", "Thompson", "Usman", "Varga", "Wójcik", "Yilmaz", "Zimmermann"];
export const COUNTRIES = ["FR", "DE", "ES", "IT", "PL", "GB", "IE", "PT", "NL", "SE", "GR", "HU"];
export const OUTLETS = ["The Daily Ledger", "Morning Courier", "The Evening Standard Bearer", "Metro Wire", "The Chronicle", "Northern Herald", "The Observer Post", "Capital Times"];
export const CUES = ["said", "claimed", "told reporters", "wrote that", "insisted", "argued"];
