"""People's names, streets and towns, written out by hand from public statistics.

Given names: the national statistics offices' most frequent baby names (see README.md for
each source); surnames: the national surname frequency lists. Names in non-Latin scripts
are written ``native|latin`` (the Latin form builds the e-mail address). A Russian or
Polish surname has a feminine form (``-ova``, ``-ska``) made by ``feminine``.
"""

from __future__ import annotations

# origin -> (women's given names, men's given names, surnames)
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "us": (
        ["Olivia", "Emma", "Charlotte", "Amelia", "Sophia", "Harper", "Evelyn", "Abigail", "Emily", "Madison", "Brianna", "Kayla", "Jasmine", "Destiny"],
        ["Liam", "Noah", "Oliver", "James", "Elijah", "Mateo", "Lucas", "Benjamin", "Henry", "Jackson", "Tyler", "Brandon", "DeShawn", "Caleb"],
        ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Thompson", "White", "Harris", "Nguyen", "Robinson", "Washington"],
    ),
    "gb": (
        ["Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Florence", "Poppy", "Ivy", "Evie", "Isabella", "Sienna"],
        ["Muhammad", "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar", "Archie", "Theodore", "Freddie", "Alfie"],
        ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke"],
    ),
    "de": (
        ["Emilia", "Sophia", "Hannah", "Emma", "Mia", "Lina", "Ella", "Clara", "Leonie", "Marie", "Ursula", "Sabine", "Petra", "Katrin", "Anke"],
        ["Noah", "Matteo", "Elias", "Finn", "Leon", "Paul", "Felix", "Jonas", "Lukas", "Maximilian", "Jürgen", "Uwe", "Dieter", "Torsten", "Björn"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Köhler"],
    ),
    "fr": (
        ["Jade", "Louise", "Ambre", "Alba", "Emma", "Rose", "Chloé", "Léa", "Manon", "Inès", "Camille", "Margaux", "Hélène", "Zoé", "Anaïs"],
        ["Gabriel", "Raphaël", "Léo", "Louis", "Maël", "Noé", "Jules", "Arthur", "Adam", "Hugo", "Théo", "Mathéo", "Benoît", "Jérôme", "François"],
        ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Mercier"],
    ),
    "es": (
        ["Lucía", "Sofía", "Martina", "María", "Julia", "Paula", "Valeria", "Daniela", "Carmen", "Alba", "Noa", "Ainhoa", "Nerea", "Pilar"],
        ["Hugo", "Martín", "Lucas", "Mateo", "Leo", "Daniel", "Alejandro", "Pablo", "Manuel", "Álvaro", "Javier", "Sergio", "Iñaki", "Jordi"],
        ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil"],
    ),
    "it": (
        ["Sofia", "Aurora", "Giulia", "Ginevra", "Vittoria", "Beatrice", "Alice", "Ludovica", "Emma", "Matilde", "Chiara", "Francesca", "Giovanna", "Elisa"],
        ["Leonardo", "Francesco", "Tommaso", "Edoardo", "Alessandro", "Lorenzo", "Mattia", "Gabriele", "Riccardo", "Andrea", "Giuseppe", "Salvatore", "Davide", "Niccolò"],
        ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Caruso"],
    ),
    "nl": (
        ["Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Eva", "Anouk", "Fenna", "Saar", "Lotte"],
        ["Noah", "Sem", "Liam", "Lucas", "Daan", "Finn", "Levi", "Luuk", "Mees", "Bram", "Sven", "Thijs", "Jesse", "Ruben"],
        ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "van der Meer"],
    ),
    "pt": (
        ["Maria", "Leonor", "Matilde", "Beatriz", "Carolina", "Mariana", "Ana", "Inês", "Margarida", "Francisca", "Joana", "Rita"],
        ["Francisco", "Afonso", "João", "Tomás", "Duarte", "Lourenço", "Santiago", "Martim", "Rodrigo", "Miguel", "Gonçalo", "Diogo"],
        ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Jesus", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto", "Carvalho"],
    ),
    "br": (
        ["Helena", "Alice", "Laura", "Maria Alice", "Valentina", "Heloísa", "Maria Clara", "Cecília", "Júlia", "Sophia", "Luana", "Thaís", "Vitória", "Larissa"],
        ["Miguel", "Arthur", "Gael", "Théo", "Heitor", "Ravi", "Davi", "Bernardo", "Noah", "Gabriel", "João Pedro", "Enzo", "Luiz Felipe", "Thiago"],
        ["da Silva", "dos Santos", "Pereira", "Alves", "Ferreira", "Rodrigues", "Souza", "Lima", "Carvalho", "Gomes", "Ribeiro", "Araújo", "Barbosa", "Cardoso", "Nascimento", "Moreira", "Cavalcanti", "Teixeira"],
    ),
    "pl": (
        ["Zofia", "Zuzanna", "Hanna", "Julia", "Maja", "Laura", "Oliwia", "Alicja", "Agnieszka", "Małgorzata", "Katarzyna", "Joanna", "Ewa", "Magdalena"],
        ["Antoni", "Jan", "Aleksander", "Franciszek", "Nikodem", "Szymon", "Filip", "Jakub", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Łukasz"],
        ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski"],
    ),
    "ru": (
        ["Анна|Anna", "Мария|Maria", "Елена|Elena", "Ольга|Olga", "Наталья|Natalya", "Татьяна|Tatyana", "Екатерина|Ekaterina", "Дарья|Darya", "Ксения|Ksenia", "Светлана|Svetlana", "Алиса|Alisa", "Полина|Polina"],
        ["Александр|Aleksandr", "Дмитрий|Dmitry", "Максим|Maksim", "Сергей|Sergey", "Андрей|Andrey", "Алексей|Aleksey", "Иван|Ivan", "Михаил|Mikhail", "Артём|Artyom", "Никита|Nikita", "Владимир|Vladimir", "Егор|Egor"],
        ["Иванов|Ivanov", "Смирнов|Smirnov", "Кузнецов|Kuznetsov", "Попов|Popov", "Васильев|Vasilyev", "Петров|Petrov", "Соколов|Sokolov", "Михайлов|Mikhaylov", "Новиков|Novikov", "Фёдоров|Fyodorov", "Морозов|Morozov", "Волков|Volkov", "Лебедев|Lebedev", "Козлов|Kozlov", "Павлов|Pavlov", "Орлов|Orlov"],
    ),
    "ar": (
        ["فاطمة|Fatima", "مريم|Maryam", "نور|Nour", "سارة|Sara", "ليلى|Layla", "عائشة|Aisha", "هدى|Huda", "رنا|Rana", "سلمى|Salma", "ياسمين|Yasmin", "خديجة|Khadija", "زينب|Zainab"],
        ["محمد|Mohammed", "أحمد|Ahmed", "علي|Ali", "عمر|Omar", "يوسف|Youssef", "خالد|Khaled", "حسن|Hassan", "إبراهيم|Ibrahim", "مصطفى|Mostafa", "عبد الله|Abdullah", "سعيد|Saeed", "طارق|Tariq"],
        ["العتيبي|Al-Otaibi", "الحربي|Al-Harbi", "القحطاني|Al-Qahtani", "الشمري|Al-Shammari", "منصور|Mansour", "حداد|Haddad", "خوري|Khoury", "عبد الرحمن|Abdelrahman", "السيد|El-Sayed", "حسين|Hussein", "الزهراني|Al-Zahrani", "سليمان|Suleiman", "بن علي|Ben Ali", "التميمي|Al-Tamimi"],
    ),
    "tr": (
        ["Zeynep", "Elif", "Defne", "Ecrin", "Azra", "Nehir", "Ayşe", "Fatma", "Emine", "Hatice", "Büşra", "Gülşen", "Özlem", "Meryem"],
        ["Yusuf", "Eymen", "Ömer", "Mustafa", "Ahmet", "Mehmet", "Ali", "Hüseyin", "Emir", "Kerem", "Burak", "Oğuz", "Çağlar", "Serkan"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek"],
    ),
    "sv": (
        ["Alice", "Maja", "Vera", "Alma", "Selma", "Elsa", "Astrid", "Wilma", "Ebba", "Freja", "Karin", "Ingrid", "Birgitta", "Linnéa"],
        ["Noah", "Hugo", "William", "Lucas", "Liam", "Oscar", "Elias", "Vincent", "Nils", "Olle", "Anders", "Lars", "Björn", "Gustav"],
        ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Lindström", "Lindqvist", "Åberg", "Sjöberg"],
    ),
    "ja": (
        ["陽葵|Himari", "凛|Rin", "芽依|Mei", "結菜|Yuina", "葵|Aoi", "さくら|Sakura", "美咲|Misaki", "恵子|Keiko", "由美|Yumi", "真由美|Mayumi", "陽菜|Hina", "彩|Aya"],
        ["蓮|Ren", "碧|Aoi", "陽翔|Haruto", "湊|Minato", "大翔|Hiroto", "悠真|Yuma", "翔太|Shota", "健太|Kenta", "拓也|Takuya", "誠|Makoto", "浩|Hiroshi", "大輔|Daisuke"],
        ["佐藤|Sato", "鈴木|Suzuki", "高橋|Takahashi", "田中|Tanaka", "伊藤|Ito", "渡辺|Watanabe", "山本|Yamamoto", "中村|Nakamura", "小林|Kobayashi", "加藤|Kato", "吉田|Yoshida", "山田|Yamada", "佐々木|Sasaki", "松本|Matsumoto", "井上|Inoue", "木村|Kimura"],
    ),
    "zh": (
        ["秀英|Xiuying", "桂英|Guiying", "丽|Li", "敏|Min", "静|Jing", "婷|Ting", "芳|Fang", "欣怡|Xinyi", "梓涵|Zihan", "雨桐|Yutong", "佳怡|Jiayi", "晓燕|Xiaoyan"],
        ["伟|Wei", "强|Qiang", "磊|Lei", "军|Jun", "洋|Yang", "勇|Yong", "杰|Jie", "浩然|Haoran", "子轩|Zixuan", "宇轩|Yuxuan", "建华|Jianhua", "志强|Zhiqiang"],
        ["王|Wang", "李|Li", "张|Zhang", "刘|Liu", "陈|Chen", "杨|Yang", "黄|Huang", "赵|Zhao", "吴|Wu", "周|Zhou", "徐|Xu", "孙|Sun", "马|Ma", "朱|Zhu", "胡|Hu", "郭|Guo"],
    ),
    "ko": (
        ["서연|Seoyeon", "지우|Jiwoo", "서윤|Seoyun", "하은|Haeun", "민서|Minseo", "지민|Jimin", "수빈|Subin", "예은|Yeeun", "지현|Jihyun", "은정|Eunjung", "미영|Miyoung", "혜진|Hyejin"],
        ["민준|Minjun", "서준|Seojun", "도윤|Doyun", "예준|Yejun", "시우|Siwoo", "하준|Hajun", "지호|Jiho", "현우|Hyunwoo", "성민|Sungmin", "동현|Donghyun", "준영|Junyoung", "영호|Youngho"],
        ["김|Kim", "이|Lee", "박|Park", "최|Choi", "정|Jung", "강|Kang", "조|Cho", "윤|Yoon", "장|Jang", "임|Lim", "한|Han", "오|Oh", "서|Seo", "신|Shin", "권|Kwon", "황|Hwang"],
    ),
    "in": (
        ["Aadhya", "Ananya", "Diya", "Saanvi", "Priya", "Pooja", "Neha", "Kavya", "Lakshmi", "Sunita", "Meera", "Anjali"],
        ["Aarav", "Vihaan", "Arjun", "Vivaan", "Reyansh", "Rahul", "Amit", "Rohit", "Sanjay", "Vikram", "Rajesh", "Karthik"],
        ["Sharma", "Singh", "Kumar", "Patel", "Gupta", "Reddy", "Iyer", "Nair", "Das", "Joshi", "Mehta", "Chatterjee", "Banerjee", "Rao", "Verma", "Pillai", "Menon", "Agarwal"],
    ),
    "ng": (
        ["Chiamaka", "Ngozi", "Adaeze", "Oluwaseun", "Funmilayo", "Aisha", "Zainab", "Chidinma", "Folake", "Blessing", "Ifeoma", "Temitope"],
        ["Chinedu", "Emeka", "Oluwaseun", "Tunde", "Babajide", "Ibrahim", "Musa", "Obinna", "Segun", "Kelechi", "Adebayo", "Uche"],
        ["Okafor", "Adeyemi", "Okonkwo", "Bello", "Ogunleye", "Eze", "Nwosu", "Abubakar", "Balogun", "Okeke", "Adeleke", "Ibrahim", "Olawale", "Chukwu", "Nwachukwu", "Afolabi"],
    ),
    "vn": (
        ["Anh", "Linh", "Ngọc", "Trang", "Thảo", "Hương", "Mai", "Lan", "Phương", "Hà", "Thu", "Vy"],
        ["Minh", "Huy", "Khang", "Bảo", "Phúc", "Anh", "Tuấn", "Dũng", "Hùng", "Quang", "Thành", "Long"],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"],
    ),
}

# a text's language -> the name origins its people mostly come from
LANG_ORIGINS = {
    "en": ["us", "gb", "us", "gb", "in", "ng"],
    "de": ["de", "de", "de", "tr", "pl"],
    "fr": ["fr", "fr", "fr", "ar_latin", "vn"],
    "es": ["es", "es", "es", "br"],
    "it": ["it", "it", "it"],
    "nl": ["nl", "nl", "nl", "tr"],
    "pt": ["pt", "br", "br"],
    "pl": ["pl"],
    "ru": ["ru"],
    "ar": ["ar"],
    "tr": ["tr"],
    "sv": ["sv"],
    "ja": ["ja"],
    "zh": ["zh"],
    "ko": ["ko"],
}
# origins a Latin-script text may borrow a person from (one in six)
ANY_LATIN = ["us", "gb", "de", "fr", "es", "it", "nl", "pt", "br", "pl", "tr", "sv", "in", "ng", "vn", "ar_latin", "ru_latin"]

# e-mail domains: providers and employers (personal mailboxes live on them)
MAIL_DOMAINS = {
    "en": ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "protonmail.com", "btinternet.com", "hollowayfreight.co.uk", "brightlake.io"],
    "de": ["gmx.de", "web.de", "t-online.de", "posteo.de", "mailbox.org", "stadtwerke-lindau.de"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "gmail.com", "atelier-mirabeau.fr"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "ferreteria-sol.es"],
    "it": ["libero.it", "virgilio.it", "gmail.com", "tiscali.it", "studiobarone.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "hotmail.nl", "xs4all.nl", "gemeentehuis-zuid.nl"],
    "pt": ["sapo.pt", "gmail.com", "uol.com.br", "bol.com.br", "terra.com.br"],
    "pl": ["wp.pl", "onet.pl", "interia.pl", "o2.pl", "gmail.com"],
    "ru": ["yandex.ru", "mail.ru", "rambler.ru", "gmail.com"],
    "ar": ["gmail.com", "hotmail.com", "outlook.sa", "yahoo.com"],
    "tr": ["gmail.com", "hotmail.com", "yandex.com.tr", "superonline.net"],
    "sv": ["telia.com", "gmail.com", "bredband.net", "outlook.com"],
    "ja": ["docomo.ne.jp", "yahoo.co.jp", "gmail.com", "nifty.com"],
    "zh": ["qq.com", "163.com", "126.com", "sina.com"],
    "ko": ["naver.com", "daum.net", "kakao.com", "gmail.com"],
}

# country code -> (streets, towns with postcodes); written from public maps
STREETS: dict[str, tuple[list[str], list[str]]] = {
    "us": (["Maple Avenue", "Oak Street", "Cedar Lane", "Pine Street", "Elm Drive", "Washington Boulevard", "Lakeview Road", "Sunset Court", "Hillcrest Drive", "Park Place"],
           ["Austin, TX 78704", "Columbus, OH 43215", "Portland, OR 97214", "Raleigh, NC 27601", "Tucson, AZ 85719", "Madison, WI 53703", "Boise, ID 83702", "Albany, NY 12203"]),
    "gb": (["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Kings Road", "Park Avenue", "Queensway", "Manor Close", "Greenfield Way"],
           ["Leeds LS6 2AB", "Bristol BS7 8QT", "Norwich NR2 4PD", "York YO31 7EB", "Cardiff CF24 3AA", "Sheffield S10 2TN", "Oxford OX4 1DQ"]),
    "de": (["Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Lindenweg", "Birkenallee", "Am Mühlbach", "Kirchgasse", "Goethestraße", "Rosenstraße"],
           ["10115 Berlin", "80331 München", "50667 Köln", "04109 Leipzig", "28195 Bremen", "01067 Dresden", "69117 Heidelberg", "24103 Kiel"]),
    "fr": (["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Voltaire", "rue des Lilas", "chemin des Vignes", "place du Marché", "rue Pasteur"],
           ["69003 Lyon", "31000 Toulouse", "44000 Nantes", "13006 Marseille", "67000 Strasbourg", "33000 Bordeaux", "59000 Lille"]),
    "es": (["Calle Mayor", "Avenida de la Constitución", "Calle Real", "Calle del Sol", "Paseo de la Castellana", "Calle San Vicente", "Avenida Diagonal"],
           ["28013 Madrid", "41001 Sevilla", "46002 Valencia", "08007 Barcelona", "29001 Málaga", "50001 Zaragoza"]),
    "it": (["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele", "Via Mazzini", "Via dei Mille", "Piazza del Duomo", "Via Dante"],
           ["20121 Milano", "00184 Roma", "10121 Torino", "40121 Bologna", "80133 Napoli", "50122 Firenze"]),
    "nl": (["Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Stationsweg", "Prinsengracht", "Lindelaan"],
           ["1015 CJ Amsterdam", "3511 LN Utrecht", "2511 BT Den Haag", "9711 LM Groningen", "5611 AB Eindhoven"]),
    "pt": (["Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Carmo", "Travessa das Flores"],
           ["1100-053 Lisboa", "4000-443 Porto", "3000-150 Coimbra", "8000-312 Faro"]),
    "br": (["Rua das Flores", "Avenida Paulista", "Rua Sete de Setembro", "Rua XV de Novembro", "Avenida Atlântica"],
           ["São Paulo - SP, 01310-100", "Curitiba - PR, 80020-310", "Rio de Janeiro - RJ, 22021-001", "Belo Horizonte - MG, 30130-005"]),
    "pl": (["ul. Marszałkowska", "ul. Długa", "ul. Mickiewicza", "ul. Słowackiego", "ul. Kościuszki", "ul. Polna", "ul. Ogrodowa"],
           ["00-624 Warszawa", "31-042 Kraków", "80-831 Gdańsk", "50-075 Wrocław", "61-806 Poznań"]),
    "ru": (["ул. Ленина", "ул. Пушкина", "пр-т Мира", "ул. Гагарина", "ул. Садовая", "ул. Советская"],
           ["г. Москва, 125009", "г. Санкт-Петербург, 191186", "г. Казань, 420111", "г. Новосибирск, 630099"]),
    "ar": (["شارع الملك فهد", "شارع التحلية", "شارع الجامعة", "شارع النيل", "طريق الملك عبدالعزيز"],
           ["الرياض 12271", "جدة 23431", "القاهرة 11511", "عمّان 11181"]),
    "tr": (["Atatürk Caddesi", "Cumhuriyet Mahallesi", "İstiklal Caddesi", "Bağdat Caddesi", "Gazi Mustafa Kemal Bulvarı"],
           ["34433 Beyoğlu/İstanbul", "06420 Çankaya/Ankara", "35210 Konak/İzmir", "16010 Osmangazi/Bursa"]),
    "sv": (["Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Skolgatan", "Björkvägen"],
           ["111 52 Stockholm", "411 06 Göteborg", "211 34 Malmö", "753 20 Uppsala"]),
    "ja": (["千代田区丸の内1-9-1", "渋谷区神南2-3-4", "大阪市北区梅田3-1-3", "札幌市中央区北1条西2-1", "名古屋市中村区名駅4-7-1"],
           ["東京都", "東京都", "大阪府", "北海道", "愛知県"]),
    "zh": (["朝阳区建国路88号", "海淀区中关村大街27号", "浦东新区世纪大道100号", "天河区体育西路191号", "武侯区人民南路四段12号"],
           ["北京市", "北京市", "上海市", "广州市", "成都市"]),
    "ko": (["강남구 테헤란로 152", "종로구 세종대로 175", "마포구 월드컵북로 396", "해운대구 해운대해변로 264", "수성구 동대구로 350"],
           ["서울특별시", "서울특별시", "서울특별시", "부산광역시", "대구광역시"]),
}
