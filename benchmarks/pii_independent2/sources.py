"""Names, places and look-alikes, written out by hand from public sources.

Given names and surnames are a few dozen common ones per country, taken from the lists that
national statistics offices publish (see README.md, "Sources"); deliberately not only the
top ten, so mid-frequency names are in the mix. Streets are common street names of each
country; towns and postcodes are real towns with a postcode that belongs to them.
"""

from __future__ import annotations

# origin: (female given names, male given names, surnames[, female surnames])
NAMES: dict[str, tuple[list[str], ...]] = {
    # US Census Bureau, 2010 census surnames; SSA popular baby names by decade
    "us": (
        "Jennifer Megan Brittany Tiffany Crystal Heather Danielle Kayla Brianna Destiny Madison Harper Aubrey Savannah Leah Addison".split(),
        "Tyler Brandon Justin Kyle Cody Dustin Travis Jordan Austin Hunter Mason Jaxon Carter Wyatt Landon Cameron".split(),
        "Johnson Williams Jones Davis Wilson Anderson Thomas Jackson Thompson Harris Clark Lewis Robinson Walker Young Allen Hernandez Nguyen Hill Flores Green Adams Nelson Baker Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris Murphy Cook Rogers".split(),
    ),
    # ONS baby names, England and Wales; ONS/GRO common surnames
    "gb": (
        "Amelia Isla Poppy Freya Florence Evie Imogen Phoebe Matilda Rosie Niamh Siobhan Bethan Ffion".split(),
        "Oliver Alfie Harry Archie Theo Reggie Rory Callum Declan Gareth Rhys Dylan Owen".split(),
        "Taylor Wright Walker Hughes Roberts Green Hall Wood Thompson Clarke Jackson Harrison Cooper Ward Morgan Price Bennett Griffiths Lloyd Pritchard".split(),
    ),
    # GfdS given-name statistics; surname frequencies from telephone-directory counts
    "de": (
        "Lena Hannah Leonie Johanna Katharina Sabine Ursula Heike Birgit Anke Dagmar Ingrid Silke Franziska Jana Mareike".split(),
        "Jonas Lukas Felix Maximilian Tobias Jürgen Dieter Uwe Holger Torsten Matthias Florian Sven Jannik Henrik Björn".split(),
        "Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann".split(),
    ),
    # INSEE, Fichier des prénoms; INSEE surname counts (noms de famille)
    "fr": (
        "Chloé Manon Camille Océane Mathilde Sandrine Nathalie Isabelle Céline Aurélie Élodie Maëlys Clémence Solène Margaux".split(),
        "Théo Hugo Mathéo Quentin Romain Guillaume Sébastien Jérôme Cédric Benoît Loïc Maxime Antoine Gaël Yannick".split(),
        "Bernard Dubois Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier".split(),
    ),
    # INE, Nombres y apellidos más frecuentes
    "es": (
        "Lucía Carmen Pilar Dolores Rocío Nerea Ainhoa Itziar Montserrat Inmaculada Alba Noelia Paula Marta".split(),
        "Javier Sergio Álvaro Alejandro Iñigo Jordi Raúl Rubén Óscar Gonzalo Jesús Francisco Íker Adrián".split(),
        "González Rodríguez Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias".split(),
    ),
    # ISTAT, nomi e cognomi più frequenti
    "it": (
        "Giulia Chiara Francesca Federica Alessandra Valentina Martina Beatrice Ilaria Serena Elisa Roberta Antonella Rosaria".split(),
        "Giuseppe Antonio Francesco Salvatore Vincenzo Gennaro Matteo Lorenzo Riccardo Davide Simone Stefano Nicolò Pierluigi".split(),
        "Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola De Santis D'Angelo Marchetti Parisi Villa Conte Ferraro".split(),
    ),
    # Meertens Instituut, Nederlandse Voornamenbank and Familienamenbank (CBS counts)
    "nl": (
        "Sanne Femke Lotte Anouk Fleur Marieke Ilse Esther Maaike Joke Wilma Lieke Noor Saskia".split(),
        "Daan Bram Sem Joost Niels Pieter Maarten Wouter Hendrik Gerrit Jeroen Thijs Ruben Teun".split(),
        ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
              "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Hendriks",
              "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "de Graaf",
              "van der Meer", "van der Linden", "Kok", "de Haan", "Vermeulen", "Kuipers", "Postma"],
    ),
    # INE Portugal / IRN, nomes mais frequentes
    "pt": (
        "Maria Beatriz Leonor Matilde Inês Mariana Carolina Sofia Joana Rita Catarina Filipa".split(),
        "João Rodrigo Tiago Duarte Gonçalo Afonso Tomás Rui Nuno Vasco Diogo Henrique".split(),
        "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha".split(),
    ),
    # IBGE, Censo 2010 nomes
    "br": (
        "Ana Francisca Antônia Adriana Juliana Márcia Fernanda Patrícia Aline Vitória Luana Thaís".split(),
        "José Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel Rafael Thiago Anderson Wellington".split(),
        ["da Silva", "dos Santos", "Oliveira", "Souza", "Lima", "Pereira", "Ferreira", "Araújo",
              "Barbosa", "Ribeiro", "Cavalcanti", "Nascimento", "Rocha", "Dias", "Moura", "Cardoso"],
    ),
    # Polish PESEL registry name statistics (dane.gov.pl)
    "pl": (
        "Katarzyna Małgorzata Agnieszka Joanna Magdalena Zofia Krystyna Elżbieta Dorota Aleksandra Zuzanna Wiktoria".split(),
        "Piotr Krzysztof Tomasz Paweł Michał Grzegorz Marcin Łukasz Wojciech Jakub Mateusz Bartosz".split(),
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawłowski Michalski".split(),
    ),
    # TÜİK, most common names and surnames
    "tr": (
        "Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Büşra Esra".split(),
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Emre".split(),
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek".split(),
    ),
    # SCB (Statistics Sweden) name statistics
    "se": (
        "Anna Eva Maria Karin Kristina Lena Kerstin Ingrid Astrid Elsa Ebba Saga".split(),
        "Lars Mikael Anders Johan Erik Per Karl Nils Oskar Axel Hugo Viktor".split(),
        "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jonsson Lindberg Lindström Bergström Lundqvist".split(),
    ),
    # Danmarks Statistik, navne i hele befolkningen
    "dk": (
        "Mette Hanne Susanne Lene Kirsten Pia Camilla Louise Sofie Ida".split(),
        "Jens Niels Søren Henrik Morten Rasmus Mads Frederik Mikkel Kasper".split(),
        "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Madsen Kristensen Østergaard".split(),
    ),
    # DVV (Digital and Population Data Services Agency), name service statistics
    "fi": (
        "Aino Helmi Aada Sanna Tiina Päivi Minna Johanna Satu Riikka".split(),
        "Juha Jukka Mikko Timo Antti Matti Ville Eino Onni Väinö".split(),
        "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen Lehtonen Saarinen".split(),
    ),
    # Ministry of the Interior of the Czech Republic, name frequency statistics
    "cz": (
        "Jana Eva Hana Anna Lenka Kateřina Lucie Věra Petra Tereza".split(),
        "Jiří Jan Petr Josef Pavel Martin Tomáš Jaroslav Miroslav Zdeněk".split(),
        "Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec".split(),
        "Nováková Svobodová Novotná Dvořáková Černá Procházková Kučerová Veselá Horáková Němcová".split(),
    ),
    # INS Romania / Wikipedia summary of common Romanian names
    "ro": (
        "Elena Ioana Andreea Mihaela Cristina Alexandra Gabriela Roxana".split(),
        "Andrei Alexandru Mihai Ionuț Cristian Ștefan Bogdan Radu Vlad".split(),
        "Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu".split(),
    ),
    # Nigeria (Yoruba, Igbo, Hausa names), as in public name dictionaries
    "ng": (
        "Chiamaka Ngozi Adaeze Funmilayo Oluwaseun Aisha Temitope Chinonso".split(),
        "Chukwuemeka Oluwadamilare Babatunde Ifeanyi Musa Obinna Tunde Adebayo".split(),
        "Okafor Okonkwo Adeyemi Balogun Eze Nwosu Abubakar Ogunleye Adebayo Okeke".split(),
    ),
    # India, common names in public name statistics (transliterated)
    "in": (
        "Priya Ananya Lakshmi Deepika Kavya Sneha Pooja Aishwarya".split(),
        "Rahul Arjun Vikram Sanjay Rohan Aditya Suresh Karthik".split(),
        "Sharma Patel Reddy Iyer Nair Gupta Singh Kumar Menon Chatterjee Banerjee Rao".split(),
    ),
    # China and Vietnam, most common surnames (public statistics), transliterated
    "cn": (
        "Xiaoling Mei Yan Jing Li Na Hui Ying".split(),
        "Wei Jun Hao Lei Jian Qiang Ming Tao".split(),
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun".split(),
    ),
    "vn": (
        "Lan Linh Thảo Trang Hương Ngọc".split(),
        "Minh Tuấn Hùng Dũng Quang Khoa".split(),
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Võ Đặng".split(),
    ),
    # Arabic names, common in public name statistics (transliterated)
    "ar": (
        "Fatima Mariam Noor Layla Yasmin Huda Salma Amira".split(),
        "Mohammed Ahmad Omar Khalid Youssef Karim Tariq Hamza".split(),
        "Haddad Khoury Mansour Saleh Nasser Hamdan Aziz Farouk Rahman".split(),
    ),
    # Greece, Hellenic Statistical Authority / Wikipedia summary
    "gr": (
        "Eleni Georgia Dimitra Konstantina Vasiliki Katerina".split(),
        "Georgios Dimitrios Konstantinos Ioannis Nikolaos Panagiotis".split(),
        "Papadopoulos Papadakis Georgiou Oikonomou Vlachos Nikolaidis Karagiannis".split(),
    ),
}

# which name origins each language's texts use, most likely first
ORIGINS_FOR = {
    "en": ["us", "us", "gb", "gb", "in", "ng", "cn", "ar", "vn"],
    "de": ["de", "de", "de", "tr", "pl", "gr"],
    "fr": ["fr", "fr", "fr", "ar", "ng", "vn"],
    "es": ["es", "es", "es", "ar", "ro"],
    "it": ["it", "it", "it", "ro", "ar"],
    "nl": ["nl", "nl", "nl", "tr", "ar"],
    "pt": ["pt", "pt", "br", "br"],
    "pl": ["pl"],
    "sv": ["se", "se", "fi", "ar"],
    "da": ["dk"],
    "fi": ["fi"],
    "cs": ["cz"],
    "ro": ["ro"],
    "tr": ["tr"],
}

# country: (streets, [(postcode, town)], address pattern)
# pattern: {s} street, {n} number, {p} postcode, {t} town
ADDRESSES: dict[str, tuple[list[str], list[tuple[str, str]], list[str]]] = {
    "us": (
        ["Maple Street", "Oak Avenue", "Cedar Lane", "Elm Drive", "Pine Court", "Lakeview Drive", "Sunset Boulevard", "Hillcrest Road", "Willow Way", "Park Place"],
        [("97205", "Portland, OR"), ("80202", "Denver, CO"), ("30303", "Atlanta, GA"), ("55401", "Minneapolis, MN"), ("85004", "Phoenix, AZ"), ("43215", "Columbus, OH"), ("37203", "Nashville, TN")],
        ["{n} {s}, {t} {p}", "{n} {s}, Apt {u}, {t} {p}", "{n} {s}"],
    ),
    "gb": (
        ["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Queens Road", "The Crescent", "Manor Close"],
        [("LS1 4DY", "Leeds"), ("M4 5JD", "Manchester"), ("BS1 6QA", "Bristol"), ("EH1 1YZ", "Edinburgh"), ("CF10 1EP", "Cardiff"), ("NG1 5FS", "Nottingham")],
        ["{n} {s}, {t} {p}", "Flat {u}, {n} {s}, {t}, {p}"],
    ),
    "de": (
        ["Lindenstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Goethestraße", "Am Mühlbach", "Birkenweg", "Hauptstraße", "Kirchgasse", "Rosenstraße"],
        [("04109", "Leipzig"), ("50667", "Köln"), ("80331", "München"), ("01067", "Dresden"), ("28195", "Bremen"), ("90402", "Nürnberg"), ("24103", "Kiel")],
        ["{s} {n}, {p} {t}", "{s} {n}", "{s} {n}a, {p} {t}"],
    ),
    "at": (
        ["Mariahilfer Straße", "Landstraßer Hauptstraße", "Herrengasse"],
        [("1060", "Wien"), ("8010", "Graz"), ("5020", "Salzburg")],
        ["{s} {n}/{u}, {p} {t}"],
    ),
    "fr": (
        ["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta", "rue des Lilas", "impasse du Moulin", "chemin des Vignes", "place de l'Église"],
        [("69002", "Lyon"), ("13001", "Marseille"), ("31000", "Toulouse"), ("44000", "Nantes"), ("33000", "Bordeaux"), ("67000", "Strasbourg"), ("59000", "Lille")],
        ["{n} {s}, {p} {t}", "{n} bis {s}, {p} {t}", "{n} {s}"],
    ),
    "es": (
        ["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Real", "Paseo de Gracia", "Calle del Sol", "Plaza de España"],
        [("46001", "Valencia"), ("41001", "Sevilla"), ("29001", "Málaga"), ("50001", "Zaragoza"), ("48001", "Bilbao"), ("08007", "Barcelona")],
        ["{s}, {n}, {u}º, {p} {t}", "{s} {n}, {p} {t}", "{s}, {n}"],
    ),
    "it": (
        ["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Mazzini", "Viale dei Mille", "Via Dante Alighieri", "Piazza Cavour"],
        [("20121", "Milano"), ("10121", "Torino"), ("40121", "Bologna"), ("50122", "Firenze"), ("80133", "Napoli"), ("90133", "Palermo")],
        ["{s} {n}, {p} {t}", "{s}, {n} - {p} {t}", "{s} {n}"],
    ),
    "nl": (
        ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Prinsengracht", "Beukenlaan", "Julianastraat"],
        [("3511 AB", "Utrecht"), ("1015 CJ", "Amsterdam"), ("2511 BT", "Den Haag"), ("9711 LV", "Groningen"), ("5611 EM", "Eindhoven")],
        ["{s} {n}, {p} {t}", "{s} {n}-{u}, {p} {t}"],
    ),
    "pt": (
        ["Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Carmo", "Travessa do Forno"],
        [("1100-048", "Lisboa"), ("4000-322", "Porto"), ("3000-150", "Coimbra"), ("8000-138", "Faro")],
        ["{s}, {n}, {u}º Esq., {p} {t}", "{s} {n}, {p} {t}"],
    ),
    "br": (
        ["Rua das Flores", "Avenida Paulista", "Rua XV de Novembro", "Rua São João"],
        [("01310-100", "São Paulo - SP"), ("80020-310", "Curitiba - PR"), ("30130-010", "Belo Horizonte - MG")],
        ["{s}, {n}, apto {u}, {t}, CEP {p}", "{s}, {n} - {t}"],
    ),
    "pl": (
        ["ul. Długa", "ul. Mickiewicza", "ul. Polna", "al. Jana Pawła II", "ul. Kościuszki"],
        [("00-950", "Warszawa"), ("31-007", "Kraków"), ("80-831", "Gdańsk"), ("50-077", "Wrocław")],
        ["{s} {n}/{u}, {p} {t}", "{s} {n}, {p} {t}"],
    ),
    "se": (
        ["Storgatan", "Drottninggatan", "Kungsgatan", "Skolgatan", "Björkvägen"],
        [("111 52", "Stockholm"), ("411 06", "Göteborg"), ("211 22", "Malmö"), ("753 20", "Uppsala")],
        ["{s} {n}, {p} {t}"],
    ),
    "dk": (["Vestergade", "Østergade", "Nørregade"], [("8000", "Aarhus C"), ("5000", "Odense C")], ["{s} {n}, {u}. th., {p} {t}", "{s} {n}, {p} {t}"]),
    "fi": (["Mannerheimintie", "Hämeenkatu", "Koulukatu"], [("00100", "Helsinki"), ("33100", "Tampere")], ["{s} {n} A {u}, {p} {t}"]),
    "cz": (["Vodičkova", "Národní", "Masarykova"], [("110 00", "Praha 1"), ("602 00", "Brno")], ["{s} {n}/{u}, {p} {t}"]),
    "ro": (["Strada Victoriei", "Bulevardul Unirii", "Strada Lipscani"], [("010063", "București"), ("400001", "Cluj-Napoca")], ["{s} nr. {n}, ap. {u}, {p} {t}"]),
    "tr": (["Atatürk Caddesi", "İstiklal Caddesi", "Cumhuriyet Sokak"], [("34433", "Beyoğlu/İstanbul"), ("06420", "Çankaya/Ankara")], ["{s} No: {n} D: {u}, {p} {t}"]),
}
ADDR_FOR = {"en": ["us", "us", "gb"], "de": ["de", "de", "at"], "fr": ["fr"], "es": ["es"],
            "it": ["it"], "nl": ["nl"], "pt": ["pt", "br"], "pl": ["pl"], "sv": ["se"],
            "da": ["dk"], "fi": ["fi"], "cs": ["cz"], "ro": ["ro"], "tr": ["tr"]}  # fmt: skip

MAIL_DOMAINS = {
    "en": ["gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "hotmail.com", "proton.me", "btinternet.com", "comcast.net"],
    "de": ["web.de", "gmx.de", "t-online.de", "posteo.de", "gmx.at", "bluewin.ch", "mailbox.org"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "skynet.be"],
    "es": ["yahoo.es", "hotmail.es", "telefonica.net", "gmail.com"],
    "it": ["libero.it", "virgilio.it", "alice.it", "tiscali.it", "gmail.com"],
    "nl": ["ziggo.nl", "kpnmail.nl", "xs4all.nl", "telenet.be", "hotmail.nl"],
    "pt": ["sapo.pt", "uol.com.br", "bol.com.br", "gmail.com"],
    "pl": ["wp.pl", "onet.pl", "o2.pl", "interia.pl"],
    "sv": ["telia.com", "bredband.net", "gmail.com"],
    "da": ["jubii.dk", "mail.dk", "gmail.com"],
    "fi": ["elisanet.fi", "gmail.com"],
    "cs": ["seznam.cz", "centrum.cz", "email.cz"],
    "ro": ["yahoo.ro", "gmail.com"],
    "tr": ["hotmail.com.tr", "yandex.com.tr", "gmail.com"],
}
WORK_DOMAINS = ["northwind-logistics.eu", "hallberg-kliniken.se", "vandermolen-bouw.nl", "fabrica-lusitana.pt",
                "kessler-maschinenbau.de", "atelier-rousseau.fr", "pastificio-ferri.it", "grupo-alcazar.es",
                "brightpath-analytics.com", "tidewater-health.org"]  # fmt: skip

# ------------------------------------------------------------------ look-alikes (not personal data)
DECOYS: dict[str, list[str]] = {
    # products, assistants, apps and ML models that carry people's names
    "product": ["Cortana", "Siri", "Bixby", "Watson", "Einstein Analytics", "Hugo", "Jenkins", "Ada",
                "Julia", "Oscar", "Casper", "Alfred", "Jarvis", "Rufus", "Marvin", "Nora", "Kiri",
                "Fiona", "Gemini", "Claude", "Llama 3", "Mistral 7B", "Falcon-40B", "Phi-3", "Gemma",
                "Vicuna", "Alpaca", "Orca 2", "Dolly", "BERT", "RoBERTa", "ELMo", "ERNIE", "Grok",
                "Megatron", "Sophia", "Elsa", "Kinder Bueno", "Nutella", "Tesla Model Y", "Mercedes EQS",
                "Ford Focus", "Peugeot 208", "Renault Clio", "Opel Corsa", "Seat Leon", "Fiat Panda",
                "Kia Ceed", "Volvo XC60", "Lancia Ypsilon"],  # fmt: skip
    # companies and brands named after people
    "company": ["Tommy Hilfiger", "Calvin Klein", "Ralph Lauren", "Karl Lagerfeld", "Jack Daniel's",
                "Johnnie Walker", "Ted Baker", "Marc O'Polo", "Tom Tailor", "Dr. Martens", "Ben & Jerry's",
                "Tim Hortons", "Wendy's", "Sara Lee", "Dolce & Gabbana", "Giorgio Armani", "Louis Vuitton",
                "Yves Saint Laurent", "Christian Dior", "Coco Chanel", "Guccio Gucci", "Miele", "Bosch",
                "Siemens", "Dr. Oetker", "Albert Heijn", "Philips", "Heineken", "Michelin", "Lacoste",
                "Ferrero", "Barilla", "Lavazza", "Pirelli", "Olivetti", "Jerónimo Martins", "El Corte Inglés",
                "Inditex", "Mapfre", "Porsche", "Lamborghini", "Ferrari", "Maserati", "Bugatti",
                "Procter & Gamble", "Marks & Spencer", "Sainsbury's", "John Lewis", "McKinsey",
                "Goldman Sachs", "Morgan Stanley", "Deloitte", "Merck", "Roche", "Boehringer Ingelheim",
                "Carl Zeiss", "Hugo Boss", "Adidas", "Puma", "Zalando", "Mercadona", "Carrefour",
                "Leroy Merlin", "Esselunga", "Jumbo", "Rituals", "Sonae", "Natura", "Magazine Luiza"],  # fmt: skip
    # places that are also given names or surnames
    "place": ["Georgia", "Victoria", "Florence", "Lourdes", "Santiago", "San José", "Adelaide",
              "Elizabeth", "Sofia", "Valencia", "Jackson", "Lincoln", "Austin", "Dallas", "Sydney",
              "Regina", "Charlotte", "Madison", "Santa Clara", "São Paulo", "Santa Monica",
              "San Francisco", "Saint-Étienne", "Saint-Denis", "Sankt Augustin", "Sankt Pölten",
              "Marienberg", "Ludwigshafen", "Wilhelmshaven", "Karlsruhe", "Friedrichshafen",
              "Emmen", "Den Helder", "Vila Franca de Xira", "San Sebastián", "Santa Cruz de Tenerife",
              "Jerez de la Frontera", "Reggio Emilia", "San Marino", "Montenegro", "Bolivia",
              "Colombia", "Jordan", "Chad", "Israel", "Kingston", "Hamilton", "Wellington", "Nelson",
              "Darwin", "Houston", "Denver", "Orlando", "Jacksonville", "Charleston", "Raleigh"],  # fmt: skip
    "library": ["scikit-learn", "PyTorch Lightning", "Hugging Face Transformers", "spaCy", "NLTK",
                "pandas", "NumPy", "Keras", "JAX", "XGBoost", "LightGBM", "CatBoost", "Polars", "Dask",
                "Ray Tune", "Optuna", "Weights & Biases", "MLflow", "Kubeflow", "Airflow"],  # fmt: skip
    "eponym": ["Bayes' theorem", "the Kalman filter", "Gaussian noise", "the Levenshtein distance",
               "a Markov chain", "the Pareto front", "the Jaccard index", "Fourier features",
               "the Cholesky decomposition", "the Huber loss", "Nesterov momentum", "the Hessian",
               "a Monte Carlo estimate", "the Wilcoxon test", "Cohen's kappa", "Pearson correlation"],  # fmt: skip
}
