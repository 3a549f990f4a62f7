# ruff: noqa: E501, SIM905
"""Raw material for the corpus: names, streets, towns, and the look-alikes.

Given names and surnames are common names per country as published in public statistics
(US Census surname and given-name frequency lists, national statistics offices' lists of
the most frequent names, and the Wikipedia lists of most common surnames per country that
summarise them). They are written out here by hand, a few dozen per country; no list was
copied from a detector. Streets, towns and postcodes are ordinary public geography. The
look-alike lists are product, company, place and library names that anyone can read on
the web.
"""

from __future__ import annotations

_PARTICLES = {"de", "van", "den", "der", "la", "di", "da", "von", "del", "dos", "De", "Di", "Da"}


def _words(names: list[str]) -> list[str]:
    """Join particles to the name they belong to: ``["de", "Jong", "van", "den", "Berg"]``
    gives ``["de Jong", "van den Berg"]`` (the lists below are split on spaces)."""
    out: list[str] = []
    pending = ""
    for w in names:
        pending = f"{pending} {w}" if pending else w
        if w not in _PARTICLES:
            out.append(pending)
            pending = ""
    return out


# origin -> (given names, surnames)
NAMES: dict[str, tuple[list[str], list[str]]] = {
    "us": (
        "James Mary Robert Patricia Michael Jennifer David Linda Emily Daniel Ashley Tyler Brittany "
        "Kevin Megan Jamal Keisha DeShawn Latoya Carlos Maria Jose Guadalupe Hunter Madison Austin "
        "Brandon Kayla Trevor Shanice Connor Brooke Dylan Savannah Logan Destiny Wyatt Paisley".split(),
        "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
        "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
        "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
        "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Washington "
        "Patel Kim Okafor Hunter Rose Fox".split(),
    ),
    "gb": (
        "Oliver Amelia Harry Isla George Ava Jack Emily Charlie Sophie Thomas Grace Alfie Poppy "
        "Freddie Evie Archie Ruby Callum Niamh Rhys Siobhan Angus Eilidh Gareth Bethan".split(),
        "Smith Jones Williams Taylor Davies Evans Thomas Roberts Walker Wright Robinson Thompson "
        "White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill "
        "Cooper Ward Morris Moore King Watson Harrison Morgan Baker O'Brien McAllister MacLeod "
        "Fitzgerald Ashworth".split(),
    ),
    "de": (
        "Anna Lukas Lena Leon Hannah Finn Mia Jonas Emma Paul Lea Felix Sophie Maximilian Marie "
        "Jürgen Ursula Klaus Renate Wolfgang Brigitte Dieter Sabine Uwe Katrin Jörg Anja Torsten "
        "Heike Björn Dörte Günther Bärbel Matthias Friederike".split(),
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
        "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann "
        "Lange Schmitt Werner Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter "
        "Vogel Fuchs Brandt Haas Graf Jäger Lorenz Sommer Winkler Ziegler Hübner Weiß".split(),
    ),
    "fr": (
        "Jean Marie Pierre Nathalie Michel Isabelle Philippe Sylvie Alain Catherine Nicolas Sandrine "
        "Julien Céline Sébastien Aurélie Hélène Benoît Chloé Léa Théo Manon Mathéo Inès Jean-Luc "
        "Marie-Claire François Anaïs Gaël Noémie".split(),
        "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre "
        "Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont "
        "Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry "
        "Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier".split(),
    ),
    "es": (
        "Antonio Manuel José Francisco David Juan Javier Daniel Carmen María Josefa Isabel Laura "
        "Cristina Marta Lucía Alejandro Pablo Sergio Álvaro Raúl Nerea Ainhoa Iñaki Begoña "
        "María José Juan Carlos Rocío Inmaculada Guillermo".split(),
        "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz "
        "Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez "
        "Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio "
        "Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano "
        "de la Cruz Etxeberria".split(),
    ),
    "it": (
        "Giuseppe Maria Giovanni Anna Antonio Giuseppina Mario Rosa Luigi Angela Francesco Giovanna "
        "Alessandro Chiara Lorenzo Giulia Matteo Sofia Leonardo Aurora Andrea Nicola Simone Federica "
        "Gianluca Ilaria Pierpaolo Benedetta Salvatore Carmela".split(),
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti "
        "De Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani "
        "Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra "
        "Coppola De Santis D'Angelo Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco "
        "Marini Grasso Valentini Messina Sala De Angelis Gatti Pellegrini di Stefano".split(),
    ),
    "nl": (
        "Jan Johannes Cornelis Maria Anna Johanna Pieter Hendrik Willem Daan Sem Lucas Emma Julia "
        "Tess Sophie Fenna Bram Joris Maartje Sanne Femke Ruud Anouk Wouter Marloes Thijs Lieke".split(),
        "de Jong Jansen de Vries van den Berg van Dijk Bakker Janssen Visser Smit Meijer de Boer "
        "Mulder de Groot Bos Vos Peters Hendriks van Leeuwen Dekker Brouwer de Wit Dijkstra Smits "
        "de Graaf van der Meer van der Linden Kok Jacobs de Haan Vermeulen van den Heuvel van der Veen "
        "van den Broek de Bruijn de Bruin van der Heijden Schouten van Beek Willems van Vliet".split(),
    ),
    "pt": (
        "Maria João Ana José Francisco Beatriz Rodrigo Mariana Tiago Inês Gonçalo Leonor Duarte "
        "Matilde Afonso Carolina Lucas Gabriel Rafaela Thiago Luana Letícia Vitória Conceição".split(),
        "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes "
        "Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia "
        "Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Raposo Neves Coelho Cruz Cunha Pires "
        "Ramos Reis Simões Antunes Matos Fonseca Machado Araújo Barbosa Tavares Lourenço".split(),
    ),
    "pl": (
        "Anna Maria Katarzyna Małgorzata Agnieszka Krystyna Barbara Ewa Piotr Krzysztof Andrzej "
        "Tomasz Paweł Michał Marcin Grzegorz Łukasz Wojciech Zofia Jadwiga Bartosz Jakub "
        "Przemysław Zbigniew Stanisław".split(),
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Kaczmarek Piotrowski "
        "Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowska Kowalska "
        "Wiśniewska Brzęczyszczykiewicz".split(),
    ),
    "tr": (
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Fatma Ayşe Emine Hatice "
        "Zeynep Elif Meryem Şerife Zehra Büşra Özlem Gülşen Çağlar Ömer Burak Ece Deniz".split(),
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "
        "Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Erdoğan Aksoy Güneş Bulut Türk".split(),
    ),
    "nordic": (
        "Lars Anders Erik Per Karin Anna Ingrid Kerstin Birgitta Sven Nils Astrid Sigrid Björn Åsa "
        "Øystein Solveig Jens Mette Søren Hanne Mikkel Freja Aino Juha Mikko Päivi Tuula Jukka "
        "Liisa Eero Kristjan Halldóra".split(),
        "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
        "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Nielsen "
        "Rasmussen Sørensen Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen "
        "Järvinen Lindqvist Bergström Åkesson Østergaard Gunnarsdóttir".split(),
    ),
    "translit": (
        "Aleksandr Dmitry Sergei Olga Tatiana Natalia Yekaterina Vladimir Mikhail Yulia Oleksandr "
        "Mohammed Ahmad Fatima Aisha Omar Khalid Yasmin Layla Wei Li Xiu Ying Hiroshi Yuki Haruto "
        "Sakura Min-jun Ji-woo Priya Arjun Ananya Rahul Thanh Linh Nikolaos Eleni Dimitrios".split(),
        "Ivanov Smirnov Kuznetsova Popov Petrova Volkov Sokolov Shevchenko Kovalenko Bondarenko "
        "Al-Rashid Haddad Khoury Mansour El-Sayed Abdullah Zhang Wang Liu Chen Huang Tanaka "
        "Suzuki Watanabe Takahashi Park Choi Sharma Gupta Iyer Reddy Nguyen Tran Pham "
        "Papadopoulos Georgiou Kowalczuk".split(),
    ),
}

NAMES = {k: (_words(given), _words(sur)) for k, (given, sur) in NAMES.items()}

# text language -> name origins used for people in that text, most likely first
ORIGINS: dict[str, list[str]] = {
    "en": ["us", "us", "gb", "translit", "de", "fr", "es", "pl", "tr", "nordic", "it", "nl", "pt"],
    "de": ["de", "de", "de", "tr", "pl", "translit", "it", "nordic"],
    "fr": ["fr", "fr", "fr", "translit", "pt", "es", "it"],
    "es": ["es", "es", "es", "pt", "fr", "translit"],
    "it": ["it", "it", "it", "translit", "fr", "es"],
    "nl": ["nl", "nl", "nl", "tr", "de", "translit", "pl"],
    "pt": ["pt", "pt", "pt", "es", "fr"],
    "pl": ["pl"],
    "tr": ["tr"],
    "sv": ["nordic"],
}

# phone regions for numbers written in a text of this language
PHONE_REGIONS: dict[str, list[str]] = {
    "en": ["US", "US", "GB", "IE", "CA", "AU", "IN"],
    "de": ["DE", "DE", "AT", "CH"],
    "fr": ["FR", "FR", "BE", "CH"],
    "es": ["ES", "ES", "MX", "AR"],
    "it": ["IT"],
    "nl": ["NL", "NL", "BE"],
    "pt": ["PT", "BR"],
    "pl": ["PL"],
    "tr": ["TR"],
    "sv": ["SE", "NO", "DK", "FI"],
}

# e-mail domains of people (private providers and made-up employers)
MAIL_DOMAINS: dict[str, list[str]] = {
    "en": [
        "gmail.com",
        "outlook.com",
        "yahoo.com",
        "hotmail.co.uk",
        "icloud.com",
        "proton.me",
        "fastmail.com",
        "acmeanalytics.io",
        "northwind-health.org",
        "brightlane.co.uk",
    ],
    "de": [
        "web.de",
        "gmx.de",
        "t-online.de",
        "posteo.de",
        "gmx.at",
        "bluewin.ch",
        "firma-kraus.de",
    ],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "groupe-lumiere.fr"],
    "es": ["telefonica.net", "gmail.com", "hotmail.es", "yahoo.es", "construcciones-iberia.es"],
    "it": ["libero.it", "virgilio.it", "tiscali.it", "alice.it", "gmail.com", "studiorossi.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "hetnet.nl", "planet.nl", "gmail.com", "dijkwerk.nl"],
    "pt": ["sapo.pt", "gmail.com", "uol.com.br", "bol.com.br", "terra.com.br", "iol.pt"],
    "pl": ["wp.pl", "onet.pl", "interia.pl", "o2.pl"],
    "tr": ["hotmail.com", "yandex.com.tr", "mynet.com", "gmail.com"],
    "sv": ["telia.se", "online.no", "live.dk", "kolumbus.fi", "gmail.com"],
}

STREETS: dict[str, list[str]] = {
    "us": [
        "Maple Avenue",
        "Oak Street",
        "Pine Street",
        "Elm Street",
        "Washington Boulevard",
        "Lincoln Avenue",
        "Cedar Lane",
        "Sunset Drive",
        "Park Place",
        "Lakeview Terrace",
        "Highland Road",
        "Magnolia Court",
        "Jefferson Street",
        "Mill Road",
    ],
    "gb": [
        "Park Road",
        "Church Street",
        "High Street",
        "Victoria Road",
        "Station Road",
        "Mill Lane",
        "Kings Road",
        "Queensway",
        "Albert Terrace",
        "Manor Close",
    ],
    "de": [
        "Hauptstraße",
        "Lindenstraße",
        "Bahnhofstraße",
        "Schulstraße",
        "Gartenweg",
        "Am Markt",
        "Goethestraße",
        "Kirchgasse",
        "Mozartstraße",
        "Birkenallee",
        "Friedrich-Ebert-Straße",
        "Wilhelmstraße",
        "Rosenweg",
        "Berliner Straße",
    ],
    "fr": [
        "rue des Lilas",
        "avenue Victor Hugo",
        "rue de la Paix",
        "boulevard Voltaire",
        "rue du Moulin",
        "place de la République",
        "chemin des Vignes",
        "rue Jean Jaurès",
        "allée des Tilleuls",
        "impasse du Château",
    ],
    "es": [
        "Calle Mayor",
        "Calle de Alcalá",
        "Avenida de la Constitución",
        "Calle Real",
        "Paseo de Gracia",
        "Calle San Vicente",
        "Plaza de España",
        "Calle del Carmen",
        "Avenida Diagonal",
        "Calle Goya",
    ],
    "it": [
        "Via Roma",
        "Via Garibaldi",
        "Via Giuseppe Verdi",
        "Corso Vittorio Emanuele II",
        "Via Dante Alighieri",
        "Piazza Cavour",
        "Via Mazzini",
        "Viale dei Mille",
        "Via della Repubblica",
        "Vicolo Stretto",
    ],
    "nl": [
        "Keizersgracht",
        "Dorpsstraat",
        "Kerkstraat",
        "Molenweg",
        "Stationsweg",
        "Prinsengracht",
        "Julianalaan",
        "Beatrixstraat",
        "Schoolstraat",
        "Lindenlaan",
    ],
    "pt": [
        "Rua Augusta",
        "Avenida da Liberdade",
        "Rua das Flores",
        "Rua do Carmo",
        "Travessa do Fala-Só",
        "Rua Direita",
        "Avenida Paulista",
        "Rua Oscar Freire",
    ],
    "pl": [
        "ul. Długa",
        "ul. Marszałkowska",
        "ul. Piotrkowska",
        "ul. Floriańska",
        "ul. Mickiewicza",
        "al. Jerozolimskie",
        "ul. Kościuszki",
    ],
    "tr": ["Atatürk Caddesi", "İstiklal Caddesi", "Cumhuriyet Sokak", "Bağdat Caddesi"],
    "nordic": [
        "Storgatan",
        "Drottninggatan",
        "Karl Johans gate",
        "Nørrebrogade",
        "Mannerheimintie",
        "Kungsgatan",
        "Vesterbrogade",
    ],
}

TOWNS: dict[str, list[tuple[str, str]]] = {
    "us": [
        ("Springfield, IL", "62704"),
        ("Austin, TX", "78701"),
        ("Portland, OR", "97205"),
        ("Columbus, OH", "43215"),
        ("Madison, WI", "53703"),
        ("Raleigh, NC", "27601"),
        ("Denver, CO", "80202"),
        ("Tucson, AZ", "85701"),
    ],
    "gb": [
        ("Leeds", "LS6 2AB"),
        ("Manchester", "M1 4BT"),
        ("Bristol", "BS1 5TR"),
        ("Cardiff", "CF10 1EP"),
        ("Edinburgh", "EH1 1YZ"),
        ("Norwich", "NR2 4PD"),
    ],
    "de": [
        ("Berlin", "10115"),
        ("München", "80331"),
        ("Hamburg", "20095"),
        ("Köln", "50667"),
        ("Leipzig", "04109"),
        ("Freiburg im Breisgau", "79098"),
        ("Wien", "1010"),
        ("Zürich", "8001"),
        ("Bielefeld", "33602"),
    ],
    "fr": [
        ("Paris", "75011"),
        ("Lyon", "69003"),
        ("Marseille", "13001"),
        ("Toulouse", "31000"),
        ("Nantes", "44000"),
        ("Lille", "59000"),
        ("Bordeaux", "33000"),
    ],
    "es": [
        ("Madrid", "28014"),
        ("Barcelona", "08007"),
        ("Sevilla", "41001"),
        ("Valencia", "46002"),
        ("Bilbao", "48001"),
        ("Zaragoza", "50001"),
    ],
    "it": [
        ("Milano", "20121"),
        ("Roma", "00184"),
        ("Napoli", "80132"),
        ("Torino", "10121"),
        ("Bologna", "40121"),
        ("Firenze", "50122"),
    ],
    "nl": [
        ("Amsterdam", "1016 DV"),
        ("Utrecht", "3511 AB"),
        ("Rotterdam", "3011 AD"),
        ("Groningen", "9711 LM"),
        ("Eindhoven", "5611 EM"),
    ],
    "pt": [
        ("Lisboa", "1100-053"),
        ("Porto", "4000-322"),
        ("Coimbra", "3000-150"),
        ("São Paulo - SP", "01310-100"),
        ("Rio de Janeiro - RJ", "22041-001"),
    ],
    "pl": [("Warszawa", "00-238"), ("Kraków", "31-008"), ("Łódź", "90-001"), ("Gdańsk", "80-831")],
    "tr": [("İstanbul", "34430"), ("Ankara", "06420"), ("İzmir", "35210")],
    "nordic": [
        ("Stockholm", "111 22"),
        ("Oslo", "0159"),
        ("København K", "1620"),
        ("Helsinki", "00100"),
        ("Göteborg", "411 05"),
    ],
}

# ---- look-alikes (never labelled) ----
PRODUCTS = (
    "Jasper Alexa Siri Gemini Claude Cortana Copilot Bard Watson Llama Mistral Falcon "
    "Jarvis Julia Ruby Ada Hugo Jenkins Dolly Vicuna Alpaca Orca Phi Sage Tableau Looker "
    "Tesla Casper Oscar Grafana Kibana Logstash Alfred Bixby Clara Otto Leo Max Nova Iris "
    "Stella Luna Aurora Athena Hermes Apollo Mercury Zeus Atlas Ember Harvey Quinn"
).split()

COMPANIES = [
    "Ernst & Young",
    "Johnson & Johnson",
    "Dell",
    "Ford",
    "Procter & Gamble",
    "Goldman Sachs",
    "Morgan Stanley",
    "Deloitte",
    "Siemens",
    "Bosch",
    "Philips",
    "Heineken",
    "Renault",
    "Peugeot",
    "Michelin",
    "Benetton",
    "Ferrero",
    "Barilla",
    "Santander",
    "Louis Vuitton",
    "Hermès",
    "Lidl",
    "Aldi",
    "Carrefour",
    "McDonald's",
    "Wendy's",
    "Walt Disney",
    "Ben & Jerry's",
    "Marks & Spencer",
    "Sainsbury's",
    "Dr. Oetker",
    "Hewlett Packard",
    "Roche",
    "Merck",
    "Bayer",
    "Thomson Reuters",
    "Charles Schwab",
    "Wells Fargo",
    "Lloyds",
    "Barclays",
    "Porsche",
    "Ferrari",
    "Lamborghini",
    "Bertelsmann",
    "Miele",
    "Dyson",
    "Boston Consulting Group",
    "Arthur D. Little",
    "Kraft Heinz",
    "Tommy Hilfiger",
    "Hugo Boss",
    "Calvin Klein",
    "Adidas",
    "Ralph Lauren",
    "Estée Lauder",
    "Chanel",
    "Christian Dior",
    "Giorgio Armani",
    "Vodafone",
    "Anheuser-Busch",
    "Boehringer Ingelheim",
    "Fresenius",
    "Zalando",
    "Mercedes-Benz",
]

PLACES = [
    "Georgia",
    "Virginia",
    "Florence",
    "Victoria",
    "Jordan",
    "Chad",
    "Sydney",
    "Austin",
    "Houston",
    "Lincoln",
    "Madison",
    "Charlotte",
    "Sofia",
    "Adelaide",
    "Alexandria",
    "Santiago",
    "São Paulo",
    "San José",
    "Montana",
    "Columbia",
    "Washington",
    "Berlin",
    "Hamburg",
    "Lourdes",
    "Santa Clara",
    "San Francisco",
    "Los Angeles",
    "Saint-Denis",
    "Louisville",
    "Elizabeth",
    "Eugene",
    "Jackson",
    "Marion",
    "Paris",
    "Frankfurt am Main",
    "Mönchengladbach",
    "Den Haag",
    "Porto Alegre",
    "Saint Helena",
    "Costa Rica",
    "Bosnia and Herzegovina",
    "Sierra Leone",
    "Trinidad and Tobago",
    "Turkey",
    "Chile",
    "Denver",
    "Dallas",
    "Phoenix",
    "Salem",
    "Regina",
    "Florida",
    "Carolina",
]

LIBRARIES = [
    "PyTorch C++",
    "PyTorch Lightning",
    "TensorFlow Lite",
    "NumPy",
    "scikit-learn",
    "Hugging Face Transformers",
    "Apache Spark",
    "pandas",
    "Keras",
    "Django",
    "Flask",
    "FastAPI",
    "Jinja",
    "Gunicorn",
    "Celery",
    "Ray Tune",
    "Dask",
    "Optuna",
    "LightGBM",
    "XGBoost",
    "Hydra",
    "Sphinx",
    "Pillow",
    "Matplotlib",
    "Seaborn",
    "Bokeh",
    "Plotly",
    "Apache Kafka",
    "Apache Airflow",
    "Kubeflow",
    "MLflow",
    "Weights & Biases",
    "ONNX Runtime",
    "JAX",
    "Flax",
    "Triton Inference Server",
    "TorchServe",
    "DeepSpeed",
    "Megatron-LM",
    "spaCy",
    "NLTK",
    "Gensim",
    "OpenCV",
    "Albumentations",
    "Detectron2",
    "Ultralytics YOLO",
    "SentencePiece",
    "Jupyter",
    "Streamlit",
    "Gradio",
]

EPONYMS = [
    "Dijkstra's algorithm",
    "the Levenshtein distance",
    "a Kalman filter",
    "the Fourier transform",
    "a Gaussian blur",
    "Bayes' theorem",
    "a Markov chain",
    "the Adam optimizer",
    "Newton–Raphson iteration",
    "Nesterov momentum",
    "Xavier initialization",
    "the Huber loss",
    "the Kullback–Leibler divergence",
    "the Jaccard index",
    "Pearson correlation",
    "Spearman's rho",
    "Student's t-test",
    "the Wilcoxon test",
    "Cohen's kappa",
    "the Hamming distance",
    "Hamiltonian Monte Carlo",
    "the Turing test",
    "a Boltzmann machine",
    "a Hopfield network",
    "the Box–Muller method",
    "Kruskal's algorithm",
    "the Bellman equation",
    "the Viterbi decoder",
    "the Cholesky decomposition",
    "Gram–Schmidt orthogonalisation",
    "Lloyd's algorithm",
    "the Nyquist rate",
    "Shapley values",
    "the Mann–Whitney U test",
    "Fisher's exact test",
]

# words that are also given names, used as ordinary words in text
NAME_WORDS = [
    "Will",
    "Mark",
    "Bill",
    "Grant",
    "Rich",
    "Frank",
    "Hope",
    "Joy",
    "May",
    "June",
    "August",
    "Amber",
    "Summer",
    "Dawn",
    "Faith",
    "Sunny",
    "Chase",
    "Pat",
    "Ray",
    "Sterling",
]

ROLE_MAILBOXES = [
    "noreply@github.com",
    "support@atlassian.com",
    "security@python.org",
    "dpo@zalando.de",
    "info@bundesregierung.de",
    "no-reply@accounts.google.com",
    "privacy@mozilla.org",
    "abuse@hetzner.com",
    "helpdesk@uni-heidelberg.de",
    "jane.doe@example.com",
    "user@example.org",
    "test@test.invalid",
    "admin@localhost",
    "notifications@slack.com",
    "billing@stripe.com",
    "contact@service-public.fr",
    "atendimento@nubank.com.br",
    "soporte@mercadolibre.com",
]

PLAIN_URLS = [
    "https://pytorch.org/docs/stable/generated/torch.load.html",
    "https://github.com/huggingface/transformers/issues/24571",
    "https://arxiv.org/abs/1706.03762",
    "http://localhost:8888/lab",
    "https://docs.python.org/3/library/pickle.html",
    "https://www.bundesregierung.de/",
    "https://pypi.org/project/numpy/1.26.4/",
    "https://en.wikipedia.org/wiki/Ada_Lovelace",
    "https://huggingface.co/mistralai/Mistral-7B-v0.1",
    "http://127.0.0.1:5000/api/v1/health",
    "https://status.openai.com",
    "https://www.legifrance.gouv.fr/",
    "https://registry.npmjs.org/react",
    "ftp://ftp.debian.org/debian/",
]

LICENSE_ORGS = [
    "The PyTorch Authors",
    "Google LLC",
    "Meta Platforms, Inc. and affiliates",
    "The TensorFlow Authors. All Rights Reserved.",
    "The HuggingFace Team",
    "Microsoft Corporation",
    "the Apache Software Foundation",
    "NVIDIA CORPORATION",
    "The scikit-learn developers",
    "Ultralytics",
]

EXAMPLE_SECRETS = [
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "sk-XXXXXXXXXXXXXXXXXXXXXXXX",
    "<YOUR_API_KEY>",
    "${GITHUB_TOKEN}",
    "os.environ['OPENAI_API_KEY']",
    "your-secret-here",
    "********",
    "$(cat /run/secrets/db_password)",
    "{{ .Values.apiKey }}",
    "xxxx-xxxx-xxxx",
    "<redacted>",
    "REPLACE_ME",
    "%(DB_PASSWORD)s",
    "ghp_************************************",
]

# Given names above that are women's names (for frames that say "Frau", "she", "nacida")
FEMALE = set(
    "Mary Patricia Jennifer Linda Emily Ashley Brittany Megan Keisha Latoya Maria Guadalupe "
    "Madison Kayla Shanice Brooke Savannah Destiny Paisley Amelia Isla Ava Sophie Grace Poppy "
    "Evie Ruby Niamh Siobhan Eilidh Bethan Anna Lena Hannah Mia Emma Lea Marie Ursula Renate "
    "Brigitte Sabine Katrin Anja Heike Dörte Bärbel Friederike Nathalie Isabelle Sylvie "
    "Catherine Sandrine Céline Aurélie Hélène Chloé Léa Manon Inès Marie-Claire Anaïs Noémie "
    "Carmen María Josefa Isabel Laura Cristina Marta Lucía Nerea Ainhoa Begoña Rocío "
    "Inmaculada Giuseppina Rosa Angela Giovanna Chiara Giulia Sofia Aurora Federica Ilaria "
    "Benedetta Carmela Johanna Julia Tess Fenna Maartje Sanne Femke Anouk Marloes Lieke Ana "
    "Beatriz Mariana Leonor Matilde Carolina Rafaela Luana Letícia Vitória Conceição "
    "Katarzyna Małgorzata Agnieszka Krystyna Barbara Ewa Zofia Jadwiga Fatma Ayşe Emine "
    "Hatice Zeynep Elif Meryem Şerife Zehra Büşra Özlem Gülşen Ece Karin Ingrid Kerstin "
    "Birgitta Astrid Sigrid Åsa Solveig Mette Hanne Freja Aino Päivi Tuula Liisa Halldóra Olga "
    "Tatiana Natalia Yekaterina Yulia Fatima Aisha Yasmin Layla Xiu Ying Yuki Sakura Ji-woo "
    "Priya Ananya Linh Eleni".split()
) | {"María José"}
# names used for either (never forced to a gender)
EITHER = {"Deniz", "Andrea", "Jamie", "Sasha"}
