/**
 * Turkish news vocabulary for the benchmark corpus.
 *
 * Written to reproduce the byte shape of the seed article
 * (../shared/seed/000_a2021eba4b753be5.txt): mostly 2-byte UTF-8 letters
 * (ç ğ ı İ ö ş ü), typographic quotes “ ” ’, proper names with suffixes after an
 * apostrophe (Karabağ'daki, Türkiye’nin), numbers and dates. Content is made up.
 */

/** People with their titles, as news text introduces them. */
export const PEOPLE = [
  "Rusya Dışişleri Bakanı Sergey Lavrov",
  "Cumhurbaşkanı Yardımcısı Cevdet Yılmaz",
  "Hazine ve Maliye Bakanı",
  "Merkez Bankası Başkanı",
  "Sağlık Bakanı",
  "İstanbul Büyükşehir Belediye Başkanı",
  "CHP Genel Başkanı",
  "Ekonomist Prof. Dr. Ahmet Toprak",
  "Siyaset bilimci Doç. Dr. Elif Şahin",
  "Azerbaycan Cumhurbaşkanı İlham Aliyev",
  "Ermenistan Başbakanı Nikol Paşinyan",
  "AB Dış İlişkiler Yüksek Temsilcisi",
  "NATO Genel Sekreteri",
  "Türk Tabipleri Birliği Başkanı",
  "Meteoroloji Genel Müdürlüğü uzmanı Mehmet Öztürk",
  "Milli Eğitim Bakanı",
  "Tarım ve Orman Bakanı",
  "Enerji Bakanlığı sözcüsü",
  "Vali Yardımcısı Hüseyin Çelik",
  "Teknik direktör Şenol Güneş",
];

/** Place names with the apostrophe suffixes vowel harmony gives them (locative, genitive). */
export const PLACES = [
  { name: "Ankara", loc: "da", gen: "nın" },
  { name: "İstanbul", loc: "da", gen: "un" },
  { name: "İzmir", loc: "de", gen: "in" },
  { name: "Karabağ", loc: "da", gen: "ın" },
  { name: "Moskova", loc: "da", gen: "nın" },
  { name: "Bakü", loc: "de", gen: "nün" },
  { name: "Erivan", loc: "da", gen: "ın" },
  { name: "Brüksel", loc: "de", gen: "in" },
  { name: "Washington", loc: "da", gen: "un" },
  { name: "Paris", loc: "te", gen: "in" },
  { name: "Berlin", loc: "de", gen: "in" },
  { name: "Tahran", loc: "da", gen: "ın" },
  { name: "Gaziantep", loc: "te", gen: "in" },
  { name: "Hatay", loc: "da", gen: "ın" },
  { name: "Trabzon", loc: "da", gen: "un" },
  { name: "Diyarbakır", loc: "da", gen: "ın" },
  { name: "Türkiye", loc: "de", gen: "nin" },
  { name: "Suriye", loc: "de", gen: "nin" },
  { name: "Kars", loc: "ta", gen: "ın" },
  { name: "Londra", loc: "da", gen: "nın" },
];

export const INSTITUTIONS = [
  "TÜİK",
  "Merkez Bankası",
  "Dışişleri Bakanlığı",
  "Sağlık Bakanlığı",
  "AFAD",
  "Meteoroloji",
  "BDDK",
  "Borsa İstanbul",
  "Rekabet Kurumu",
  "Hazine",
  "SGK",
  "Yüksek Seçim Kurulu",
];

export const TOPICS = [
  "ateşkes anlaşması",
  "enflasyon rakamları",
  "asgari ücret görüşmeleri",
  "doğal gaz fiyatları",
  "deprem bölgesindeki çalışmalar",
  "seçim takvimi",
  "aşı kampanyası",
  "kur dalgalanması",
  "kira artışları",
  "göç politikası",
  "orman yangınları",
  "savunma sanayii ihracatı",
  "turizm sezonu",
  "eğitim öğretim yılı",
  "enerji krizi",
  "tarım destekleri",
  "müzakere süreci",
  "bütçe açığı",
  "işsizlik oranı",
  "kuraklık tehlikesi",
];

export const MONTHS = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"];

/** Sentence openers that set the scene; `{P}` = place with locative suffix, `{T}` = topic. */
export const OPENERS = [
  "{P} düzenlenen basın toplantısında konuşan",
  "Son yaşanan gelişmeleri değerlendiren",
  "{T} hakkında açıklama yapan",
  "Kamuoyunun merakla beklediği {T} konusunda sessizliğini bozan",
  "Dün akşam katıldığı televizyon programında {T} ile ilgili soruları yanıtlayan",
  "{P} temaslarda bulunan",
  "Gazetecilerin sorularını yanıtlayan",
];

/** Reported-speech verbs for the end of a quoted sentence. */
export const SPEECH_VERBS = [
  "dedi",
  "diye konuştu",
  "ifadelerini kullandı",
  "açıklamasında bulundu",
  "diyerek tepki gösterdi",
  "şeklinde konuştu",
  "diye ekledi",
  "değerlendirmesinde bulundu",
];

/** Bodies of direct quotes: what the people say. */
export const QUOTES = [
  "Bence {P} temas hattına gözlemci sevk etmek doğru olur fakat kararı vermek taraflara kalmış",
  "{T} konusunda geri adım atmayacağız, vatandaşımızın yanında olmaya devam edeceğiz",
  "Rakamlar ortada, {T} beklentilerin çok üzerinde seyrediyor",
  "Hiçbir zaman 'bu iş bitti' demedik, süreç devam ediyor",
  "Önümüzdeki günlerde {T} ile ilgili yeni bir düzenleme gündeme gelecek",
  "Eğer {Y}'deki gibi bir kriz yaşarsak çok büyük yara alırız",
  "Herkesin sakin olmasını ve resmi açıklamaları beklemesini rica ediyorum",
  "Bu mesele sadece {P2} değil, bütün bölgenin meselesidir",
  "Halkımızın 'yeter artık' dediği bir noktaya geldik",
  "Müzakerelerin belirleyici kısmında tarafların katkısını fark ettim",
];

/** Plain reporting sentences; `{N}`, `{D}` and `{M}` are numbers, decimals and months. */
export const STATEMENTS = [
  "{I} verilerine göre {T} {M} ayında yüzde {D} oranında arttı.",
  "{I} tarafından yapılan açıklamada, {T} ile ilgili çalışmaların sürdüğü belirtildi.",
  "Yetkililer, {P} yaşanan olayda {N} kişinin yaralandığını açıkladı.",
  "{N} Ekim’de imzalanan anlaşmaya rağmen bölgede çatışmalar devam ediyor.",
  "Uzmanlar, {T} nedeniyle önümüzdeki aylarda fiyatların yükselmeye devam edeceğini öngörüyor.",
  "{P3} ekonomisi geçen yılın aynı dönemine göre yüzde {D} büyüdü.",
  "Toplantıya {N} ülkeden temsilci katıldı ve ortak bir bildiri yayımlandı.",
  "Konuyla ilgili soruşturma başlatıldığı, {N} şüphelinin gözaltına alındığı öğrenildi.",
  "{I} başkanlığında yapılan toplantıda {T} masaya yatırıldı.",
  "Kararın {M} ayının sonuna kadar yürürlükte kalacağı bildirildi.",
  "Açıklamanın ardından Borsa İstanbul’da BIST 100 endeksi günü yüzde {D} değer kazançla tamamladı.",
  "Bölgeye {N} arama kurtarma ekibi sevk edildi, çalışmalar gece boyunca sürdü.",
  "Ar-Ge &amp; inovasyon harcamaları {N} milyar liraya ulaştı.",
  "Dolar/TL {D} seviyesinden işlem görürken, euro da yükselişini sürdürdü.",
];

/** Short headline patterns for related-news boxes. */
export const HEADLINES = [
  "{P3} ile stratejik ortak olduk",
  "{T} için kritik hafta",
  "{T} krizinde yol ayrımı!...",
  "Son dakika: {P3} {T} açıklaması",
  "{Q}: '{T} ertelenmeli'",
  "{T} hakkında çarpıcı rapor",
  "{P} {T} hamlesi",
  "Uzmanlar uyardı: {T} kapıda",
  "{N} yıl sonra bir ilk",
  "{T} konusunda yeni dönem başlıyor",
  "Bakanlıktan {T} açıklaması",
  "'{T}' tartışması büyüyor",
];

/** Short subheadings written in capitals between ASCII single quotes, as the seed has. */
export const SUBHEADINGS = [
  "MÜZAKERELER BENZERSİZDİ",
  "KRİTİK TOPLANTI",
  "GÖZLER BU KARARDA",
  "İŞTE O AÇIKLAMA",
  "RAKAMLAR NE DİYOR?",
  "TEPKİLER ÇIĞ GİBİ",
  "SÜREÇ NASIL İŞLEYECEK?",
  "ÇARPICI DETAY",
];

/** Short names used in headlines such as `Dugin: '…'`. */
export const SHORT_NAMES = ["Dugin", "Lavrov", "Toprak", "Aliyev", "Şahin", "Öztürk", "Güneş", "Çelik"];

export const SECTIONS = ["gundem", "ekonomi", "dunya", "spor", "saglik", "yazarlar/ugur-dundar", "teknoloji"];

export const CAPTIONS = [
  "Toplantıdan bir kare",
  "Bölgede son durum",
  "Açıklama sırasında çekilen fotoğraf",
  "Arşiv fotoğrafı",
  "Kurtarma çalışmaları sürüyor",
  "Yetkililer inceleme yaptı",
];
