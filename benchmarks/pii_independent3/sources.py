"""Names, places and look-alikes for the third independent PII corpus, written out by hand.

Given names and surnames are common ones in each origin as published by national statistics
offices (see README.md, *Sources*); look-alikes are public product, company, place and
library names. Each pool is a whitespace-separated string so the lists stay readable.
"""

from __future__ import annotations


def _w(s: str) -> list[str]:
    return s.split()


# origin -> (women's given names, men's given names, surnames)
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "us": (
        _w("Olivia Emma Charlotte Amelia Sophia Mia Evelyn Harper Madison Abigail Brianna Kayla"),
        _w("Liam Noah Oliver James Elijah Mason Logan Ethan Jacob Tyler Brandon Dylan Austin"),
        _w(
            "Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
            "Lopez Wilson Anderson Thomas Taylor Moore Jackson Martin Thompson White Harris "
            "Clark Lewis Robinson Walker Young Allen King Wright Scott Nguyen Hill Flores"
        ),
    ),
    "gb": (
        _w("Amelia Isla Ava Ivy Freya Florence Poppy Willow Rosie Evie Imogen Phoebe"),
        _w("Muhammad George Arthur Oscar Leo Harry Alfie Freddie Theo Archie Reggie Rory"),
        _w(
            "Smith Jones Taylor Evans Roberts Walker Wright Thompson Hughes Edwards Green "
            "Hall Wood Harris Clarke Jackson Turner Cooper Hill Ward Morgan Hughes Bennett"
        ),
    ),
    "de": (
        _w("Emilia Hannah Lea Mia Lina Mila Ella Clara Lena Leonie Johanna Frieda Greta"),
        _w("Noah Matteo Elias Finn Leon Paul Henry Emil Jonas Lukas Moritz Jakob Felix"),
        _w(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
            "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann "
            "Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Lehmann Köhler"
        ),
    ),
    "fr": (
        _w("Jade Louise Emma Ambre Alice Rose Anna Mia Lina Chloé Léa Manon Inès Zoé"),
        _w("Gabriel Léo Raphaël Louis Arthur Jules Maël Adam Lucas Hugo Nathan Théo Sacha"),
        _w(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
            "Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel "
            "Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez"
        ),
    ),
    "es": (
        _w("Lucía Sofía Martina María Julia Paula Valeria Emma Daniela Carla Alba Noa"),
        _w("Hugo Martín Lucas Mateo Leo Daniel Alejandro Pablo Manuel Álvaro Adrián Mario"),
        _w(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín "
            "Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez "
            "Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina"
        ),
    ),
    "it": (
        _w("Sofia Aurora Giulia Ginevra Vittoria Beatrice Alice Ludovica Emma Matilde Chiara"),
        _w("Leonardo Francesco Tommaso Edoardo Alessandro Lorenzo Mattia Gabriele Riccardo"),
        _w(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
            "Gallo Conti De Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri "
            "Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone"
        ),
    ),
    "nl": (
        _w("Emma Julia Mila Tess Sophie Zoë Sara Nora Yara Eva Liv Saar Noor Fenna"),
        _w("Noah Sem Liam Lucas Daan Finn Levi Luuk Mees Bram Sven Thijs Jesse Ruben"),
        _w(
            "Jansen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer "
            "Dijkstra Janssen Bakker Kok Jacobs Vermeulen Willems Hoekstra Koster Prins"
        ),
    ),
    "pt": (
        _w("Maria Leonor Matilde Beatriz Carolina Mariana Ana Inês Francisca Alice Helena"),
        _w("Francisco João Afonso Tomás Duarte Lourenço Martim Rodrigo Santiago Gonçalo"),
        _w(
            "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa "
            "Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho"
        ),
    ),
    "br": (
        _w("Helena Alice Laura Valentina Heloísa Cecília Manuela Júlia Lívia Giovanna"),
        _w("Miguel Arthur Heitor Bernardo Davi Théo Gael Ravi Samuel Lorenzo Enzo"),
        _w(
            "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes "
            "Ribeiro Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias"
        ),
    ),
    "pl": (
        _w("Zofia Zuzanna Hanna Julia Maja Laura Oliwia Alicja Pola Lena Agnieszka Katarzyna"),
        _w("Antoni Jan Aleksander Franciszek Nikodem Szymon Filip Wojciech Kacper Tomasz"),
        _w(
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
            "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk"
        ),
    ),
    "se": (
        _w("Alice Maja Vera Alma Selma Elsa Astrid Wilma Ebba Saga Signe Ines"),
        _w("Noah William Hugo Lucas Liam Oscar Elias Nils Olle Ludvig Vincent Sixten"),
        _w(
            "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson "
            "Svensson Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Lindberg"
        ),
    ),
    "tr": (
        _w("Zeynep Elif Defne Asel Eylül Azra Ecrin Nehir Çağla Büşra Gülşen Şeyma"),
        _w("Yusuf Alparslan Eymen Ömer Mustafa Göktuğ Emir Kerem Burak Oğuz Çağrı Serkan"),
        _w(
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan "
            "Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek"
        ),
    ),
    "hu": (
        _w("Hanna Anna Zoé Luca Emma Boglárka Zsófia Lili Réka Eszter Dorina"),
        _w("Bence Máté Levente Dominik Marcell Ádám Zalán Botond Dávid Gergő Balázs"),
        _w(
            "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh "
            "Papp Takács Juhász Lakatos Mészáros Oláh Simon Rácz Fekete"
        ),
    ),
    "cz": (
        _w("Eliška Anna Tereza Adéla Natálie Sofie Karolína Kristýna Barbora Klára"),
        _w("Jakub Jan Tomáš Matyáš Vojtěch Adam Ondřej Filip Lukáš Petr Martin"),
        _w(
            "Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec "
            "Pokorný Marek Pospíšil Hájek Jelínek Král Růžička Beneš Fiala Sedláček"
        ),
    ),
    "in": (
        _w("Aadhya Ananya Diya Saanvi Priya Kavya Isha Meera Pooja Sneha Lakshmi"),
        _w("Aarav Vihaan Arjun Reyansh Aditya Rohan Rahul Vikram Karthik Siddharth"),
        _w(
            "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Rao Menon Joshi "
            "Mehta Desai Chatterjee Banerjee Mukherjee Pillai Kulkarni Agarwal"
        ),
    ),
    "id": (
        _w("Siti Dewi Putri Ayu Nur Rina Indah Fitri Sari Wulan Intan"),
        _w("Budi Agus Rizky Dimas Fajar Hendra Andi Eko Bayu Yoga Adi"),
        _w(
            "Santoso Wijaya Saputra Hidayat Kusuma Pratama Setiawan Nugroho Wibowo "
            "Gunawan Hakim Siregar Nasution Harahap Lubis Simanjuntak"
        ),
    ),
    "ng": (
        _w("Chiamaka Ngozi Adaeze Funmilayo Temitope Oluwaseun Amaka Ifeoma Folake"),
        _w("Chinedu Emeka Oluwadamilare Babatunde Tunde Obinna Ikenna Segun Ayodele"),
        _w(
            "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Adebayo Ogunleye Olawale Chukwu "
            "Obi Ibrahim Bello Abubakar Okeke"
        ),
    ),
    "vn": (
        _w("Anh Linh Trang Hương Ngọc Mai Thảo Hà Lan Phương"),
        _w("Minh Huy Khoa Tuấn Dũng Hùng Nam Long Quang Đức"),
        _w("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương"),
    ),
    "ar": (
        _w("Fatima Mariam Aisha Layla Nour Yasmin Salma Huda Amira Rania"),
        _w("Mohammed Ahmed Omar Youssef Khaled Hassan Ali Karim Tariq Samir"),
        _w(
            "Haddad Mansour Khalil Nasser Saleh Hamdan Aziz Rahman Farouk Darwish "
            "El-Sayed Bakr Qasim Hourani"
        ),
    ),
    # native-script origins: used by Japanese, Chinese and Korean frames
    "ja": (
        _w("陽葵 凛 詩 結菜 芽依 葵 紬 澪 さくら 美咲"),
        _w("蓮 陽翔 蒼 湊 樹 大和 悠真 颯 翔太 健太"),
        _w("佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本"),
    ),
    "zh": (
        _w("秀英 桂英 丽 静 敏 婷 雪 芳 娜 玉兰"),
        _w("伟 强 磊 军 洋 勇 杰 涛 明 浩然"),
        _w("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡"),
    ),
    "ko": (
        _w("서연 서윤 지우 하은 민서 지유 윤서 채원 수아 지민"),
        _w("민준 서준 도윤 예준 시우 하준 주원 지호 지후 준서"),
        _w("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권"),
    ),
    "ja_latn": (
        _w("Yui Aoi Sakura Hina Mio Rin Yuna Haruka Misaki"),
        _w("Haruto Ren Sota Yuto Minato Riku Kaito Hiroshi Takumi"),
        _w("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato"),
    ),
}
CJK = {"ja", "zh", "ko"}

#: frame language -> name origins it draws from
LANG_ORIGINS: dict[str, list[str]] = {
    "en": ["us", "gb", "us", "gb", "in", "ng"],
    "de": ["de", "de", "de", "tr", "pl"],
    "fr": ["fr", "fr", "fr", "ar", "vn"],
    "es": ["es", "es", "es", "br"],
    "it": ["it", "it", "it", "ar"],
    "nl": ["nl", "nl", "nl", "tr"],
    "pt": ["pt", "br", "br"],
    "pl": ["pl"],
    "sv": ["se", "se", "ar"],
    "tr": ["tr"],
    "hu": ["hu"],
    "cs": ["cz"],
    "id": ["id"],
    "ja": ["ja"],
    "zh": ["zh"],
    "ko": ["ko"],
}
#: origins any Latin-script frame may borrow a name from (one name in six)
ANY_LATIN = [o for o in NAMES if o not in CJK]

STREETS: dict[str, tuple[list[str], list[str]]] = {
    # country -> (street names, "postcode town" pairs)
    "us": (
        [
            "Maple Avenue",
            "Oak Street",
            "Cedar Lane",
            "Pine Road",
            "Elm Drive",
            "Lakeview Blvd",
            "Sunset Boulevard",
            "Hickory Court",
            "Willow Way",
            "Main Street",
        ],
        [
            "Austin, TX 78704",
            "Columbus, OH 43215",
            "Portland, OR 97214",
            "Denver, CO 80205",
            "Raleigh, NC 27601",
            "Tucson, AZ 85719",
            "Madison, WI 53703",
            "Boise, ID 83702",
        ],
    ),
    "gb": (
        [
            "High Street",
            "Station Road",
            "Church Lane",
            "Victoria Road",
            "Park Avenue",
            "Mill Lane",
            "Queens Road",
            "Kings Road",
            "The Crescent",
            "Albert Street",
        ],
        [
            "Leeds LS6 2AB",
            "Bristol BS7 8QT",
            "Manchester M14 5RG",
            "York YO10 3LN",
            "Cardiff CF24 4PT",
            "Norwich NR2 3EJ",
            "Brighton BN2 1PE",
        ],
    ),
    "de": (
        [
            "Hauptstraße",
            "Bahnhofstraße",
            "Gartenweg",
            "Schillerstraße",
            "Goethestraße",
            "Am Lindenhof",
            "Birkenallee",
            "Mühlenweg",
            "Kastanienweg",
            "Lessingstraße",
        ],
        [
            "10437 Berlin",
            "80469 München",
            "50674 Köln",
            "01067 Dresden",
            "28195 Bremen",
            "70173 Stuttgart",
            "04109 Leipzig",
            "90402 Nürnberg",
            "24103 Kiel",
        ],
    ),
    "fr": (
        [
            "rue de la République",
            "avenue Jean Jaurès",
            "rue Victor Hugo",
            "boulevard Voltaire",
            "rue des Lilas",
            "chemin des Vignes",
            "rue Pasteur",
            "allée des Tilleuls",
        ],
        [
            "69003 Lyon",
            "31000 Toulouse",
            "44000 Nantes",
            "67000 Strasbourg",
            "33000 Bordeaux",
            "59000 Lille",
            "13005 Marseille",
            "35000 Rennes",
        ],
    ),
    "es": (
        [
            "Calle Mayor",
            "Calle de Alcalá",
            "Avenida de la Constitución",
            "Calle del Sol",
            "Paseo de Gracia",
            "Calle San Vicente",
            "Calle Real",
            "Ronda de Toledo",
        ],
        [
            "28014 Madrid",
            "08007 Barcelona",
            "46001 Valencia",
            "41004 Sevilla",
            "50001 Zaragoza",
            "29015 Málaga",
            "48001 Bilbao",
        ],
    ),
    "it": (
        [
            "Via Garibaldi",
            "Via Mazzini",
            "Corso Vittorio Emanuele",
            "Via Dante",
            "Via dei Mille",
            "Piazza Cavour",
            "Via Verdi",
            "Viale Europa",
        ],
        [
            "20121 Milano",
            "00184 Roma",
            "10123 Torino",
            "40126 Bologna",
            "50122 Firenze",
            "80134 Napoli",
            "35122 Padova",
        ],
    ),
    "nl": (
        [
            "Kerkstraat",
            "Dorpsstraat",
            "Molenweg",
            "Stationsweg",
            "Prinsengracht",
            "Julianalaan",
            "Beatrixstraat",
            "Lindelaan",
        ],
        [
            "1017 AB Amsterdam",
            "3511 LN Utrecht",
            "2511 CV Den Haag",
            "9711 HV Groningen",
            "5611 EM Eindhoven",
            "6811 AA Arnhem",
        ],
    ),
    "pt": (
        [
            "Rua Augusta",
            "Avenida da Liberdade",
            "Rua de Santa Catarina",
            "Rua do Carmo",
            "Travessa do Fala-Só",
            "Rua da Prata",
        ],
        ["1100-048 Lisboa", "4000-443 Porto", "3000-139 Coimbra", "8000-312 Faro"],
    ),
    "br": (
        [
            "Rua das Flores",
            "Avenida Paulista",
            "Rua Augusta",
            "Rua XV de Novembro",
            "Avenida Brasil",
            "Rua Sete de Setembro",
        ],
        [
            "São Paulo - SP, 01310-100",
            "Curitiba - PR, 80020-310",
            "Recife - PE, 50010-000",
            "Belo Horizonte - MG, 30130-010",
        ],
    ),
    "pl": (
        [
            "ul. Długa",
            "ul. Piłsudskiego",
            "ul. Mickiewicza",
            "ul. Polna",
            "ul. Lipowa",
            "al. Jerozolimskie",
            "ul. Słowackiego",
        ],
        ["00-238 Warszawa", "31-005 Kraków", "80-831 Gdańsk", "50-101 Wrocław", "61-772 Poznań"],
    ),
    "se": (
        ["Storgatan", "Drottninggatan", "Kungsgatan", "Skolgatan", "Björkvägen", "Ringvägen"],
        ["111 52 Stockholm", "411 06 Göteborg", "211 22 Malmö", "753 20 Uppsala"],
    ),
    "tr": (
        [
            "Atatürk Caddesi",
            "İstiklal Caddesi",
            "Cumhuriyet Mahallesi Gül Sokak",
            "Bağdat Caddesi",
            "Menekşe Sokak",
        ],
        [
            "34433 Beyoğlu/İstanbul",
            "06420 Çankaya/Ankara",
            "35210 Konak/İzmir",
            "16040 Osmangazi/Bursa",
        ],
    ),
    "hu": (
        ["Kossuth Lajos utca", "Petőfi Sándor utca", "Rákóczi út", "Fő utca", "Ady Endre út"],
        ["1052 Budapest", "4024 Debrecen", "6720 Szeged", "7621 Pécs"],
    ),
    "cz": (
        ["Husova", "Národní", "Masarykova", "Palackého", "Komenského", "Nádražní"],
        ["110 00 Praha 1", "602 00 Brno", "301 00 Plzeň", "779 00 Olomouc"],
    ),
    "ja": (
        [
            "東京都新宿区西新宿2-8-1",
            "大阪府大阪市北区梅田3-1-3",
            "京都府京都市下京区烏丸通七条下ル",
            "福岡県福岡市博多区博多駅中央街1-1",
            "北海道札幌市中央区北5条西4-7",
        ],
        ["〒160-0023", "〒530-0001", "〒600-8216", "〒812-0012", "〒060-0005"],
    ),
}

# look-alikes: kind -> values
DECOYS: dict[str, list[str]] = {
    "product": [
        "Tesla Model Y",
        "Porsche Cayenne",
        "Ferrari Roma",
        "Lamborghini Urus",
        "Chanel No. 5",
        "Calvin Klein",
        "Ralph Lauren",
        "Michael Kors",
        "Kate Spade",
        "Tory Burch",
        "Jack Daniel's",
        "Jim Beam",
        "Dr Pepper",
        "Betty Crocker",
        "Ben & Jerry's",
        "Mercedes-Benz Sprinter",
        "Peugeot 208",
        "Citroën Berlingo",
        "Toyota Corolla",
        "IBM Watson",
        "Salesforce Einstein",
        "Cortana",
        "Bixby",
        "Erica",
        "Amelia",
        "Gemini",
        "Mistral Large",
        "Phi-3",
        "Falcon 40B",
        "Copilot",
        "Jarvis",
        "Pepper",
        "Lotus Elise",
        "Aston Martin Vantage",
        "Rolls-Royce Ghost",
        "Maserati Ghibli",
    ],
    "company": [
        "Siemens",
        "Bosch",
        "Philips",
        "Michelin",
        "Ferrero",
        "Barilla",
        "Dyson",
        "Ericsson",
        "Nestlé",
        "Heineken",
        "Carlsberg",
        "Schwarzkopf",
        "Miele",
        "Adidas",
        "Lidl",
        "Aldi",
        "Boeing",
        "Disney",
        "Kellogg's",
        "McKinsey",
        "Deloitte",
        "Goldman Sachs",
        "Morgan Stanley",
        "Procter & Gamble",
        "Merck",
        "Bayer",
        "Porsche",
        "Lamborghini",
        "Bertelsmann",
        "Hermès",
        "Louis Vuitton",
        "Zara",
        "Benetton",
        "Armani",
        "Prada",
        "Suzuki",
        "Honda",
        "Toyota",
        "Yamaha",
        "Matsushita",
        "Tata",
        "Mahindra",
    ],
    "place": [
        "Santa Clara",
        "San Diego",
        "St. Louis",
        "Victoria",
        "Alexandria",
        "Lourdes",
        "Madison",
        "Austin",
        "Phoenix",
        "Florianópolis",
        "Sankt Pölten",
        "San Sebastián",
        "Charleston",
        "Jefferson City",
        "Elizabeth",
        "Savannah",
        "Sydney",
        "Adelaide",
        "Kingston",
        "Wellington",
        "Hamilton",
        "Santiago",
        "São José",
        "Maria Enzersdorf",
        "Saint-Denis",
        "San Marino",
        "Lincoln",
        "Darwin",
        "Marseille",
        "Bergen",
    ],
    "library": [
        "Django",
        "Jenkins",
        "Luigi",
        "Hugo",
        "Jekyll",
        "Sphinx",
        "Cassandra",
        "Julia",
        "Ada",
        "Pascal",
        "Sherlock",
        "Marvin",
        "Kafka",
        "Celery",
        "Rasa",
        "Grafana Loki",
        "Thanos",
        "Helm",
        "Nomad",
        "Prefect",
        "Dagster",
        "Flask",
        "Jinja",
        "Pandas",
        "Ansible",
        "Travis CI",
        "Gradle",
        "Maven",
        "Keras",
        "Horovod",
    ],
    "eponym": [
        "Bayes' theorem",
        "the Fourier transform",
        "Gaussian blur",
        "Levenshtein distance",
        "Euler's method",
        "Newton-Raphson",
        "Pearson correlation",
        "Spearman's rho",
        "a Markov chain",
        "Dirichlet allocation",
        "Xavier initialization",
        "Nesterov momentum",
        "Hamming distance",
        "the Jaccard index",
        "Kullback-Leibler divergence",
        "Huffman coding",
        "a Bloom filter",
        "Lamport clocks",
        "the Turing test",
        "Dijkstra's shortest path",
        "Cholesky decomposition",
    ],
    "name_word": [
        "Will",
        "Hope",
        "Faith",
        "Joy",
        "Grace",
        "Sunny",
        "Rose",
        "Bill",
        "Frank",
        "Pat",
        "Sue",
        "Mark",
        "Rob",
        "Art",
        "Summer",
        "April",
        "June",
        "Dawn",
    ],
}


def names_of(origin: str) -> tuple[list[str], list[str], list[str]]:
    return NAMES[origin]
