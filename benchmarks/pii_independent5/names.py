"""People's names by origin, written out by hand from public name statistics (see README).

Each origin has women's and men's given names and surnames. An entry is ``native`` or
``native|latin`` when the origin has its own script: the native form is written in texts of
that language, the Latin form in other texts and in e-mail addresses. A surname entry is
``masculine/feminine`` where the language inflects surnames by sex.
"""

from __future__ import annotations

# order: "gs" = given name first, "sg" = surname first (Hungarian, Vietnamese, CJK)
ORDER = {"hu": "sg", "vi": "sg", "cn": "sg", "jp": "gs", "kr": "sg"}

POOLS: dict[str, dict[str, str]] = {
    "us": {
        "f": "Jennifer Ashley Brittany Megan Lauren Kayla Shaniqua Madison Courtney Destiny",
        "m": "Tyler Brandon Cody Dustin Travis Jamal DeShawn Hunter Colton Trevor",
        "s": "Hernandez Washington Kowalczyk Jefferson Whitaker Sullivan Brooks Jenkins "
        "Patterson Reyes Coleman Foster",
    },
    "ie": {
        "f": "Siobhán Aoife Niamh Caoimhe Saoirse Órla Clodagh Gráinne",
        "m": "Cillian Oisín Ciarán Darragh Pádraig Eoin Tadhg Donal",
        "s": "O'Sullivan Ní Bhriain Mac Cárthaigh Ó Súilleabháin Kavanagh Fitzgerald "
        "Gallagher Doherty",
    },
    "ng": {
        "f": "Chiamaka Ngozi Adaeze Folake Yetunde Funmilayo Amaka Titilayo",
        "m": "Chukwuemeka Oluwaseun Babatunde Ikechukwu Adebayo Obinna Tunde Emeka",
        "s": "Okonkwo Adeyemi Balogun Eze Nwachukwu Olawale Ogunleye Chukwu Adebisi Okafor",
    },
    "ph": {
        "f": "Maricel Rowena Jocelyn Lorna Marites Analyn Kristine Rhea",
        "m": "Rodel Jomar Arnel Ramil Jerome Reynaldo Joel Danilo",
        "s": "Dela Cruz Bautista Villanueva Mendoza Manalo Macapagal Dimaculangan Soriano",
    },
    "mx": {
        "f": "Guadalupe Ximena Citlali Yesenia Itzel Marisol Rocío Fernanda",
        "m": "Jesús Cuauhtémoc Alejandro Ulises Rogelio Humberto Iván Osvaldo",
        "s": "Hernández García Ramírez Castañeda Xolalpa Ochoa Valenzuela Guzmán",
    },
    "cs": {
        "f": "Tereza Eliška Kateřina Lucie Markéta Zuzana Jitka Veronika Hana Alena",
        "m": "Jiří Petr Ondřej Tomáš Vojtěch Lukáš Jaroslav Miroslav Zdeněk Radek",
        "s": "Novák/Nováková Svoboda/Svobodová Dvořák/Dvořáková Černý/Černá "
        "Procházka/Procházková Kučera/Kučerová Veselý/Veselá Horák/Horáková "
        "Němec/Němcová Marek/Marková Pokorný/Pokorná Růžička/Růžičková",
    },
    "ro": {
        "f": "Ioana Andreea Elena Mihaela Alexandra Roxana Cristina Bianca Daniela Raluca",
        "m": "Andrei Mihai Alexandru Ionuț Bogdan Florin Cătălin Răzvan Vlad Sorin",
        "s": "Popescu Ionescu Popa Dumitrescu Stan Stoica Gheorghiu Munteanu Constantinescu "
        "Rădulescu Tănase Ștefănescu",
    },
    "hu": {
        "f": "Zsófia Réka Eszter Katalin Ildikó Boglárka Krisztina Erzsébet Noémi Dóra",
        "m": "Bence Gergely Zoltán Levente Ferenc Attila Csaba Balázs Gyula Tamás",
        "s": "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Lakatos",
    },
    "fi": {
        "f": "Aino Helmi Sanna Päivi Tuulikki Satu Riikka Minna Eveliina Sini",
        "m": "Juha Mikko Ville Jukka Petteri Antti Tapio Eero Heikki Lauri",
        "s": "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen "
        "Järvinen Lehtonen Saarinen",
    },
    "id": {
        "f": "Siti Dewi Putri Ayu Rina Wulan Intan Fitri Kartika Nurul",
        "m": "Budi Agus Joko Eko Bambang Rizky Hendra Yusuf Dimas Arif",
        "s": "Santoso Wijaya Susanto Pratama Hidayat Setiawan Kurniawan Saputra Nugroho "
        "Siregar Hutapea Wibowo",
    },
    "vi": {
        "f": "Thị Lan|Thi Lan,Thị Hương|Thi Huong,Ngọc Anh|Ngoc Anh,Thu Trang|Thu Trang,"
        "Thị Mai|Thi Mai,Phương Linh|Phuong Linh,Thị Hằng|Thi Hang,Bảo Ngọc|Bao Ngoc",
        "m": "Văn Hùng|Van Hung,Minh Tuấn|Minh Tuan,Quốc Bảo|Quoc Bao,Đức Anh|Duc Anh,"
        "Văn Nam|Van Nam,Hoàng Long|Hoang Long,Thành Công|Thanh Cong,Gia Huy|Gia Huy",
        "s": "Nguyễn|Nguyen,Trần|Tran,Lê|Le,Phạm|Pham,Hoàng|Hoang,Huỳnh|Huynh,Phan|Phan,"
        "Vũ|Vu,Đặng|Dang,Bùi|Bui",
    },
    "sw": {
        "f": "Wanjiku Achieng Zawadi Neema Amani Imani Njeri Mwanaisha Rehema Halima",
        "m": "Baraka Juma Otieno Kamau Mwangi Omondi Hamisi Jabari Kipchoge Makame",
        "s": "Wanjiru Mutua Ochieng Kimani Njoroge Onyango Mohamed Mwakyusa Odhiambo Kariuki "
        "Massawe Chepkoech",
    },
    "el": {
        "f": "Μαρία|Maria,Ελένη|Eleni,Αικατερίνη|Aikaterini,Βασιλική|Vasiliki,"
        "Σοφία|Sofia,Γεωργία|Georgia,Δήμητρα|Dimitra,Ευαγγελία|Evangelia,Χρυσούλα|Chrysoula",
        "m": "Γιώργος|Giorgos,Κωνσταντίνος|Konstantinos,Δημήτρης|Dimitris,Νίκος|Nikos,"
        "Παναγιώτης|Panagiotis,Βασίλης|Vasilis,Χρήστος|Christos,Θανάσης|Thanasis,Σπύρος|Spyros",
        "s": "Παπαδόπουλος/Παπαδοπούλου|Papadopoulos/Papadopoulou,"
        "Βλάχος/Βλάχου|Vlachos/Vlachou,Οικονόμου/Οικονόμου|Oikonomou/Oikonomou,"
        "Γεωργίου/Γεωργίου|Georgiou/Georgiou,Παπαδάκης/Παπαδάκη|Papadakis/Papadaki,"
        "Αντωνίου/Αντωνίου|Antoniou/Antoniou,Μακρής/Μακρή|Makris/Makri,"
        "Καραγιάννης/Καραγιάννη|Karagiannis/Karagianni,Νικολάου/Νικολάου|Nikolaou/Nikolaou,"
        "Παππάς/Παππά|Pappas/Pappa",
    },
    "he": {
        "f": "נועה|Noa,תמר|Tamar,מיכל|Michal,שירה|Shira,יעל|Yael,רחל|Rachel,"
        "אביגיל|Avigail,הדס|Hadas,ליאת|Liat",
        "m": "יוסף|Yosef,דוד|David,אורי|Uri,איתי|Itai,משה|Moshe,יונתן|Yonatan,"
        "אריאל|Ariel,עומר|Omer,נועם|Noam",
        "s": "כהן|Cohen,לוי|Levi,מזרחי|Mizrahi,פרץ|Peretz,ביטון|Biton,דהן|Dahan,"
        "אברהם|Avraham,פרידמן|Friedman,אזולאי|Azoulay,שפירא|Shapira",
    },
    "hi": {
        "f": "प्रिया|Priya,अंजलि|Anjali,सुनीता|Sunita,पूजा|Pooja,नेहा|Neha,"
        "कविता|Kavita,दीपिका|Deepika,मीनाक्षी|Meenakshi,रश्मि|Rashmi",
        "m": "राहुल|Rahul,अमित|Amit,विकास|Vikas,संजय|Sanjay,अर्जुन|Arjun,"
        "रोहित|Rohit,आदित्य|Aditya,मनोज|Manoj,सुरेश|Suresh",
        "s": "शर्मा|Sharma,वर्मा|Verma,गुप्ता|Gupta,सिंह|Singh,यादव|Yadav,"
        "मिश्रा|Mishra,चौहान|Chauhan,पांडे|Pandey,त्रिपाठी|Tripathi,अग्रवाल|Agarwal",
    },
    "th": {
        "f": "สมศรี|Somsri,มาลี|Malee,ปิยะนุช|Piyanuch,อรุณี|Arunee,สุดารัตน์|Sudarat,"
        "กาญจนา|Kanchana,วิไลวรรณ|Wilaiwan,นภัสสร|Napatsorn",
        "m": "สมชาย|Somchai,ประยุทธ|Prayut,วีระพงษ์|Weerapong,อนุชา|Anucha,"
        "ธนากร|Thanakorn,สุรชัย|Surachai,กิตติพงษ์|Kittipong,ณัฐวุฒิ|Nattawut",
        "s": "ศรีสุข|Srisuk,วงศ์สวัสดิ์|Wongsawat,แก้วมณี|Kaewmanee,สุขสมบูรณ์|Suksomboon,"
        "ทองดี|Thongdee,บุญมา|Boonma,จันทร์เพ็ญ|Chanpen,รัตนพันธ์|Rattanaphan",
    },
    "uk": {
        "f": "Олена|Olena,Оксана|Oksana,Ірина|Iryna,Наталія|Nataliia,Тетяна|Tetiana,"
        "Юлія|Yuliia,Софія|Sofiia,Галина|Halyna,Дарина|Daryna",
        "m": "Олександр|Oleksandr,Андрій|Andrii,Богдан|Bohdan,Тарас|Taras,Василь|Vasyl,"
        "Микола|Mykola,Дмитро|Dmytro,Остап|Ostap,Юрій|Yurii",
        "s": "Шевченко/Шевченко|Shevchenko/Shevchenko,Бондаренко/Бондаренко|Bondarenko/Bondarenko,"
        "Ковальчук/Ковальчук|Kovalchuk/Kovalchuk,Мельник/Мельник|Melnyk/Melnyk,"
        "Ткаченко/Ткаченко|Tkachenko/Tkachenko,Козак/Козак|Kozak/Kozak,"
        "Лисенко/Лисенко|Lysenko/Lysenko,Кравчук/Кравчук|Kravchuk/Kravchuk,"
        "Гнатюк/Гнатюк|Hnatiuk/Hnatiuk,Савицький/Савицька|Savytskyi/Savytska",
    },
    "cn": {
        "f": "Xiaoling Meihua Yanping Jingyi Ruoxi Huimin Xueqin Lijuan",
        "m": "Zhiwei Jianguo Haoran Yifan Wenbo Junjie Zihao Guoqiang",
        "s": "Wang Li Zhang Liu Chen Yang Huang Zhao Zhou Wu",
    },
    "jp": {
        "f": "Yui Haruka Misaki Sakura Ayaka Nanami Rin Kaori",
        "m": "Haruto Ren Sota Takumi Daiki Kenta Yuto Shota",
        "s": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato",
    },
    "kr": {
        "f": "Ji-woo Seo-yeon Min-ji Ha-eun Soo-ah Yoon-seo Eun-ji Da-eun",
        "m": "Min-jun Seo-jun Do-yoon Ji-ho Hyun-woo Jae-won Sung-min Dong-hyun",
        "s": "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim",
    },
    "ir": {
        "f": "Fatemeh Zahra Maryam Shirin Parisa Leila Niloufar Mahsa",
        "m": "Mohammad Reza Ali Hossein Amir Mehdi Farhad Kourosh",
        "s": "Hosseini Mohammadi Rezaei Ahmadi Karimi Jafari Moradi Tehrani Rahimi Sadeghi",
    },
    "et": {
        "f": "Tigist Meron Selamawit Hirut Almaz Bethlehem Eyerusalem Mahlet",
        "m": "Dawit Yohannes Tesfaye Abebe Getachew Mulugeta Henok Bereket",
        "s": "Tadesse Bekele Haile Girma Alemu Wolde Kebede Mengistu Assefa Desta",
    },
    "pl": {
        "f": "Agnieszka Małgorzata Katarzyna Joanna Zofia Magdalena",
        "m": "Grzegorz Krzysztof Paweł Tomasz Wojciech Łukasz",
        "s": "Kowalski/Kowalska Wiśniewski/Wiśniewska Wójcik/Wójcik Kamiński/Kamińska "
        "Lewandowski/Lewandowska Zieliński/Zielińska",
    },
    "tr": {
        "f": "Zeynep Elif Ayşe Büşra Merve Esra",
        "m": "Mehmet Mustafa Emre Burak Yusuf Hakan",
        "s": "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın",
    },
}

# origins a text's language draws from (first is the most likely); Latin-script languages
# also draw one name in six from any origin in OTHERS, written in Latin letters
LANG_ORIGINS = {
    "en": ["us", "ie", "ng", "ph", "mx", "cn", "jp", "kr", "ir", "et", "pl", "tr", "hi"],
    "cs": ["cs"],
    "ro": ["ro"],
    "hu": ["hu"],
    "fi": ["fi"],
    "id": ["id"],
    "vi": ["vi"],
    "sw": ["sw"],
    "el": ["el"],
    "he": ["he"],
    "hi": ["hi"],
    "th": ["th"],
    "uk": ["uk"],
}
OTHERS = ["us", "ng", "ph", "mx", "pl", "tr", "ir", "et", "cn", "kr", "jp", "sw", "hu", "ro"]
NATIVE_SCRIPT = {"el", "he", "hi", "th", "uk"}


def _split(text: str) -> list[str]:
    return [t.strip() for t in (text.split(",") if "," in text or "|" in text else text.split())]


def _entries(origin: str, key: str) -> list[tuple[str, str]]:
    raw = POOLS[origin][key]
    if origin in {"ie", "ph"} and key == "s":
        # multi-word surnames in these pools
        parts = {
            "ie": ["O'Sullivan", "Ní Bhriain", "Mac Cárthaigh", "Ó Súilleabháin", "Kavanagh",
                   "Fitzgerald", "Gallagher", "Doherty"],
            "ph": ["Dela Cruz", "Bautista", "Villanueva", "Mendoza", "Manalo", "Macapagal",
                   "Dimaculangan", "Soriano"],
        }[origin]  # fmt: skip
    else:
        parts = _split(raw)
    out = []
    for p in parts:
        native, _, latin = p.partition("|")
        out.append((native, latin or native))
    return out


def given(origin: str, sex: str) -> list[tuple[str, str]]:
    return _entries(origin, sex)


def surnames(origin: str, sex: str) -> list[tuple[str, str]]:
    out = []
    for native, latin in _entries(origin, "s"):
        n = native.split("/")
        lt = latin.split("/")
        i = 1 if sex == "f" and len(n) > 1 else 0
        out.append((n[i], lt[min(i, len(lt) - 1)]))
    return out
