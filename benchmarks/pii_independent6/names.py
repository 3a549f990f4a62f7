"""People's names by origin, written out by hand from public common-name lists.

Each origin has women's and men's given names and surnames. Latin-script origins hold plain
strings; origins written in their own script hold ``(native, latin)`` pairs. Polish and Russian
surnames are ``(masculine, feminine)`` forms. Chinese, Japanese and Korean names are written
surname first in their own script.
"""

from __future__ import annotations

LATIN: dict[str, dict[str, list[str]]] = {
    "de": {
        "f": ["Anna", "Lena", "Katharina", "Sabine", "Julia", "Ursula", "Monika", "Leonie", "Hannah", "Petra"],
        "m": ["Lukas", "Jonas", "Matthias", "Thomas", "Stefan", "Jürgen", "Felix", "Maximilian", "Dieter", "Tobias"],
        "s": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Köhler", "Zimmermann"],
    },
    "fr": {
        "f": ["Camille", "Manon", "Chloé", "Nathalie", "Sophie", "Élodie", "Léa", "Isabelle", "Margaux", "Inès"],
        "m": ["Julien", "Nicolas", "Mathieu", "Théo", "Hugo", "Antoine", "Benoît", "Sébastien", "Louis", "Yannick"],
        "s": ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Fontaine", "Rousseau", "Mercier", "Lambert", "Faure"],
    },
    "es": {
        "f": ["Lucía", "María", "Carmen", "Paula", "Alba", "Marta", "Elena", "Noelia", "Irene", "Rocío"],
        "m": ["Javier", "Alejandro", "Sergio", "Pablo", "Daniel", "Álvaro", "Jorge", "Iván", "Rubén", "Adrián"],
        "s": ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Jiménez", "Ruiz", "Navarro"],
    },
    "br": {
        "f": ["Ana Clara", "Beatriz", "Larissa", "Fernanda", "Juliana", "Camila", "Gabriela", "Letícia", "Vitória", "Tatiane"],
        "m": ["João Pedro", "Gabriel", "Rafael", "Lucas", "Thiago", "Matheus", "Bruno", "Felipe", "Gustavo", "Rodrigo"],
        "s": ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida", "Nascimento", "Carvalho", "Ferreira", "Ribeiro"],
    },
    "it": {
        "f": ["Giulia", "Francesca", "Chiara", "Alessia", "Martina", "Federica", "Valentina", "Sara", "Elisa", "Giorgia"],
        "m": ["Marco", "Alessandro", "Luca", "Giuseppe", "Matteo", "Davide", "Federico", "Stefano", "Andrea", "Lorenzo"],
        "s": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Conti"],
    },
    "nl": {
        "f": ["Emma", "Sanne", "Lotte", "Femke", "Anouk", "Marieke", "Sophie", "Eva", "Fleur", "Ingrid"],
        "m": ["Daan", "Sem", "Bram", "Thijs", "Joost", "Pieter", "Ruben", "Jeroen", "Wouter", "Niels"],
        "s": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"],
    },
    "pl": {
        "f": ["Zofia", "Anna", "Katarzyna", "Agnieszka", "Małgorzata", "Julia", "Magdalena", "Joanna", "Aleksandra", "Ewa"],
        "m": ["Jakub", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Łukasz", "Grzegorz", "Wojciech"],
        "s": [],
    },
    "tr": {
        "f": ["Zeynep", "Elif", "Ayşe", "Fatma", "Emine", "Merve", "Büşra", "Esra", "Defne", "Özlem"],
        "m": ["Mehmet", "Mustafa", "Ahmet", "Emre", "Burak", "Can", "Oğuz", "Hüseyin", "Murat", "Serkan"],
        "s": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan"],
    },
    "sv": {
        "f": ["Astrid", "Maja", "Elsa", "Ebba", "Karin", "Ingrid", "Linnea", "Sofia", "Agnes", "Frida"],
        "m": ["Erik", "Lars", "Oskar", "Johan", "Anders", "Nils", "Gustav", "Viktor", "Henrik", "Björn"],
        "s": ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Lindqvist", "Berg", "Lindström"],
    },
    "da": {
        "f": ["Mette", "Sofie", "Ida", "Freja", "Signe", "Camilla", "Louise", "Rikke", "Line", "Birgitte"],
        "m": ["Mads", "Rasmus", "Søren", "Mikkel", "Jesper", "Frederik", "Anders", "Kasper", "Jens", "Niels"],
        "s": ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen"],
    },
    "no": {
        "f": ["Nora", "Ingrid", "Emma", "Sigrid", "Kari", "Hilde", "Solveig", "Marit", "Ragnhild", "Tuva"],
        "m": ["Jakob", "Emil", "Ola", "Håkon", "Magnus", "Sindre", "Eirik", "Knut", "Torbjørn", "Øyvind"],
        "s": ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg", "Haugen", "Bakken", "Solberg", "Dahl", "Halvorsen", "Strand"],
    },
    "us": {
        "f": ["Jennifer", "Ashley", "Megan", "Brittany", "Kimberly", "Emily", "Lauren", "Courtney", "Danielle", "Heather"],
        "m": ["Michael", "Christopher", "Joshua", "Brandon", "Tyler", "Justin", "Kevin", "Ryan", "Jason", "Travis"],
        "s": ["Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Thompson", "Harris", "Jackson", "Robinson"],
    },
}

PL_SURNAMES = [
    ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
    ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"),
]

# (native, latin)
SCRIPT: dict[str, dict[str, list[tuple[str, str]]]] = {
    "ar": {
        "f": [("فاطمة", "Fatima"), ("مريم", "Maryam"), ("نورة", "Noura"), ("سارة", "Sara"), ("ريم", "Reem"), ("هند", "Hind"), ("ليلى", "Layla"), ("أمل", "Amal"), ("دانة", "Dana"), ("لطيفة", "Latifa")],
        "m": [("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("عبدالله", "Abdullah"), ("خالد", "Khaled"), ("يوسف", "Youssef"), ("عمر", "Omar"), ("فيصل", "Faisal"), ("سلطان", "Sultan"), ("طارق", "Tariq"), ("حسن", "Hassan")],
        "s": [("العتيبي", "Al-Otaibi"), ("الشمري", "Al-Shammari"), ("القحطاني", "Al-Qahtani"), ("الحربي", "Al-Harbi"), ("المنصوري", "Al-Mansouri"), ("الهاشمي", "Al-Hashimi"), ("حداد", "Haddad"), ("منصور", "Mansour"), ("إبراهيم", "Ibrahim"), ("عبدالرحمن", "Abdelrahman"), ("الزعبي", "Al-Zoubi"), ("السيد", "El-Sayed")],
    },
    "zh": {
        "f": [("秀英", "Xiuying"), ("桂英", "Guiying"), ("丽", "Li"), ("静", "Jing"), ("婷", "Ting"), ("欣怡", "Xinyi"), ("雨涵", "Yuhan"), ("敏", "Min"), ("慧", "Hui"), ("晓燕", "Xiaoyan")],
        "m": [("伟", "Wei"), ("强", "Qiang"), ("磊", "Lei"), ("洋", "Yang"), ("勇", "Yong"), ("军", "Jun"), ("杰", "Jie"), ("浩然", "Haoran"), ("子轩", "Zixuan"), ("建国", "Jianguo")],
        "s": [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun")],
    },
    "ja": {
        "f": [("陽菜", "Hina"), ("結衣", "Yui"), ("さくら", "Sakura"), ("美咲", "Misaki"), ("優子", "Yuko"), ("恵子", "Keiko"), ("真由美", "Mayumi"), ("葵", "Aoi"), ("愛", "Ai"), ("千尋", "Chihiro")],
        "m": [("翔太", "Shota"), ("大輔", "Daisuke"), ("健太", "Kenta"), ("拓也", "Takuya"), ("浩", "Hiroshi"), ("誠", "Makoto"), ("蓮", "Ren"), ("悠真", "Yuma"), ("直樹", "Naoki"), ("隆", "Takashi")],
        "s": [("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka"), ("伊藤", "Ito"), ("渡辺", "Watanabe"), ("山本", "Yamamoto"), ("中村", "Nakamura"), ("小林", "Kobayashi"), ("加藤", "Kato"), ("吉田", "Yoshida"), ("山田", "Yamada")],
    },
    "ko": {
        "f": [("서연", "Seoyeon"), ("지민", "Jimin"), ("민지", "Minji"), ("수빈", "Subin"), ("지은", "Jieun"), ("하은", "Haeun"), ("은지", "Eunji"), ("예린", "Yerin"), ("혜진", "Hyejin"), ("유나", "Yuna")],
        "m": [("민준", "Minjun"), ("서준", "Seojun"), ("도윤", "Doyun"), ("지훈", "Jihoon"), ("현우", "Hyunwoo"), ("성민", "Sungmin"), ("준호", "Junho"), ("동현", "Donghyun"), ("재원", "Jaewon"), ("상철", "Sangcheol")],
        "s": [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"), ("조", "Cho"), ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"), ("한", "Han"), ("오", "Oh")],
    },
    "ru": {
        "f": [("Анна", "Anna"), ("Екатерина", "Ekaterina"), ("Мария", "Maria"), ("Ольга", "Olga"), ("Наталья", "Natalya"), ("Татьяна", "Tatyana"), ("Ирина", "Irina"), ("Дарья", "Darya"), ("Светлана", "Svetlana"), ("Юлия", "Yulia")],
        "m": [("Александр", "Aleksandr"), ("Дмитрий", "Dmitry"), ("Сергей", "Sergey"), ("Андрей", "Andrey"), ("Алексей", "Aleksey"), ("Михаил", "Mikhail"), ("Иван", "Ivan"), ("Никита", "Nikita"), ("Владимир", "Vladimir"), ("Артём", "Artyom")],
        "s": [],
    },
}

# (masculine native, feminine native, masculine latin, feminine latin)
RU_SURNAMES = [
    ("Иванов", "Иванова", "Ivanov", "Ivanova"), ("Смирнов", "Смирнова", "Smirnov", "Smirnova"),
    ("Кузнецов", "Кузнецова", "Kuznetsov", "Kuznetsova"), ("Попов", "Попова", "Popov", "Popova"),
    ("Соколов", "Соколова", "Sokolov", "Sokolova"), ("Лебедев", "Лебедева", "Lebedev", "Lebedeva"),
    ("Новиков", "Новикова", "Novikov", "Novikova"), ("Морозов", "Морозова", "Morozov", "Morozova"),
    ("Волков", "Волкова", "Volkov", "Volkova"), ("Федоров", "Федорова", "Fedorov", "Fedorova"),
    ("Ильин", "Ильина", "Ilyin", "Ilyina"), ("Захаров", "Захарова", "Zakharov", "Zakharova"),
]

SURNAME_FIRST = {"zh", "ja", "ko"}
ORIGINS = [*LATIN, *SCRIPT]
