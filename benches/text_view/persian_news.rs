//! Generated Persian news text that does not repeat itself: sentences of
//! 5 to 32 words drawn (fixed seed) from a few hundred real Persian words,
//! with ZWNJ compounds ("می‌گوید", "همکاری‌ها"), ASCII and Persian digits,
//! Persian punctuation, guillemets and brackets around phrases, and English
//! names ("Miguel Díaz-Canel", "ETECSA") embedded now and then, in
//! paragraphs of one to seven sentences under short headlines.

use crate::edits::Rng;

use newsmark::model::Span;

/// Nouns of politics, economy and technology news (separated by spaces,
/// as the lists below).
const NOUNS: &str = "\
    وزیر رئیس‌جمهور دولت مجلس کشور کشورها همکاری همکاری‌ها توافق \
    توافق‌نامه قرارداد نشست دیدار سفر هیئت نماینده سفیر وزارت امور خارجه \
    اقتصاد فناوری اطلاعات ارتباطات شبکه اینترنت فیبر ماهواره دانشگاه پژوهش \
    دانشجویان کارشناسان شرکت شرکت‌ها بازار صادرات واردات تحریم تحریم‌ها \
    نفت گاز برق انرژی پزشکی دارو واکسن کشاورزی گردشگری بانک سرمایه‌گذاری \
    پروژه طرح برنامه سال ماه هفته روز امروز دیروز خبرگزاری گزارش بیانیه \
    مصاحبه خبرنگاران رسانه‌ها مردم جوانان زنان شهر استان مرز منطقه جهان \
    سازمان کمیسیون کمیته مدیرکل معاون سخنگو مقام‌ها مسئولان تاریخ فرهنگ \
    هنر ورزش بیمارستان آموزش مدرسه قانون امنیت سیاست روابط گفت‌وگو مذاکره \
    مذاکرات اجلاس کنفرانس نمایشگاه محصولات خدمات زیرساخت زیرساخت‌ها تلفن \
    همراه نرم‌افزار سخت‌افزار مرکز داده داده‌ها بودجه میلیون میلیارد دلار \
    یورو ریال درصد رشد تورم قیمت هزینه تولید کارخانه بندر کشتی هواپیما \
    پرواز فرودگاه جاده راه‌آهن آب محیط‌زیست اقلیم بحران کمک کمک‌ها حمایت \
    پیشنهاد درخواست پاسخ موضوع مسائل نتیجه نتایج مرحله دوره آینده گذشته \
    سند تفاهم‌نامه یادداشت کارگروه نهاد نهادها ستاد شورا دبیرخانه";

/// Verbs and auxiliaries, many with the ZWNJ of "می‌" or "‌اند".
const VERBS: &str = "\
    گفت کرد کردند است بود شد شده می‌شود می‌کند می‌کنند می‌خواهند می‌گوید \
    می‌دهد خواهد داد دادند رسید افزود کرده‌اند داشته‌اند گفته‌اند \
    می‌توانند نمی‌خواهد نمی‌شود دارد دارند کنند شود باشد بوده‌اند \
    رسیده‌اند پیوست ساخت می‌سازند گذاشت برد آورد دید خواند نوشت پذیرفت رد \
    امضا برگزار اعلام بررسی تأکید ادامه آغاز پایان تصویب اجرا دنبال گسترش \
    توسعه تقویت کاهش افزایش";

/// Small words that join the others.
const JOINERS: &str = "\
    و در به از با که را این آن برای تا اما نیز هم یک دو سه چند همه هر پس \
    پیش بین میان درباره روی بر یا اگر چون زیرا همچنین بنابراین طبق علیه \
    سوی نزد بدون حتی فقط هنوز دیگر چنین همین";

/// Adjectives.
const ADJECTIVES: &str = "\
    جدید تازه بزرگ کوچک مهم ملی بین‌المللی دولتی خصوصی دیجیتال الکترونیکی \
    علمی فنی رسمی مشترک نخستین دومین بیشتر کمتر اخیر اقتصادی سیاسی فرهنگی \
    منطقه‌ای جهانی کوبایی ایرانی لاتین آمریکایی اروپایی آسیایی پایدار سریع \
    ارزان گران دشوار آسان روشن مستقیم دوجانبه چندجانبه";

/// People's and places' names in Persian.
const NAMES: &str = "\
    عیسی زارع‌پور محمدجواد ظریف حسن روحانی میگل دیاز-کانل رائول کاسترو \
    ابراهیم رئیسی مریم حسینی فاطمه رضایی ایران کوبا تهران هاوانا ونزوئلا \
    کاراکاس مسکو پکن اصفهان شیراز مشهد تبریز سانتیاگو ماتانزاس";

/// English names and words that Persian articles quote as they are.
const ENGLISH: &[&str] = &[
    "Havana",
    "ICT",
    "Huawei",
    "Reuters",
    "Granma",
    "ETECSA",
    "Miguel Díaz-Canel",
    "4G",
    "5G",
    "UNESCO",
    "BRICS",
    "Prensa Latina",
    "e-government",
];

/// Drawing words and numbers with the tests' fixed-seed generator (the
/// same text every run).
trait Draw {
    /// A number below `n`.
    fn below(&mut self, n: usize) -> usize;
    /// One of `words`.
    fn word_of<'a>(&mut self, words: &[&'a str]) -> &'a str;
    /// A word of `list` (words separated by spaces).
    fn pick_in<'a>(&mut self, list: &'a str) -> &'a str;
}

impl Draw for Rng {
    fn below(&mut self, n: usize) -> usize {
        self.pick(0..n)
    }

    fn word_of<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }

    fn pick_in<'a>(&mut self, list: &'a str) -> &'a str {
        let n = list.split_whitespace().count();
        list.split_whitespace().nth(self.below(n)).unwrap_or("")
    }
}

/// A number as news prints it: a year, a count, a share, in ASCII or
/// Persian digits.
fn number(rng: &mut Rng) -> String {
    let ascii = match rng.below(4) {
        0 => format!("{}", 2015 + rng.below(11)),
        1 => format!("{}", 1 + rng.below(900)),
        2 => format!("{}.{}", 1 + rng.below(40), rng.below(10)),
        _ => format!("{}", 1395 + rng.below(10)),
    };
    if rng.chance(40) {
        ascii
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
                None => '٫',
            })
            .collect()
    } else {
        ascii
    }
}

/// One word (or an English name, or a number) of a sentence.
fn word(rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=29 => rng.pick_in(NOUNS).to_owned(),
        30..=49 => rng.pick_in(JOINERS).to_owned(),
        50..=64 => rng.pick_in(VERBS).to_owned(),
        65..=79 => rng.pick_in(ADJECTIVES).to_owned(),
        80..=91 => rng.pick_in(NAMES).to_owned(),
        92..=95 => number(rng),
        _ => rng.word_of(ENGLISH).to_owned(),
    }
}

/// A sentence of 5 to 32 words: commas, a phrase in guillemets or
/// brackets now and then, a full stop, question mark or colon at the end.
fn sentence(rng: &mut Rng) -> String {
    let n = 5 + rng.below(28);
    let mut words: Vec<String> = (0..n).map(|_| word(rng)).collect();
    for w in words.iter_mut().take(n - 1) {
        if rng.chance(8) {
            w.push('،');
        }
    }
    if n > 8 && rng.chance(30) {
        let at = rng.below(n - 3);
        let len = 1 + rng.below(3);
        let (open, close) = if rng.chance(60) {
            ('«', '»')
        } else {
            ('(', ')')
        };
        words[at].insert(0, open);
        words[at + len - 1].push(close);
    }
    let mut text = words.join(" ");
    text.push(match rng.below(10) {
        0 => '؟',
        1 => ':',
        2 => '؛',
        _ => '.',
    });
    text
}

/// A Persian article of about `bytes` bytes (headline, then paragraphs
/// under occasional subheadings; CRLF line ends) and its spans, one on the
/// word after every `every` code points or so, labelled in turn with
/// `labels`.
pub fn article_text(bytes: usize, every: usize, labels: &[&str]) -> (String, Vec<Span>) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut chars = 0;
    let mut next_span_at = 0;
    let push = |text: &mut String, piece: &str, chars: &mut usize| {
        text.push_str(piece);
        *chars += piece.chars().count();
    };
    let headline: Vec<String> = (0..4 + rng.below(6)).map(|_| word(&mut rng)).collect();
    push(&mut text, &headline.join(" "), &mut chars);
    push(&mut text, "\r\n\r\n", &mut chars);
    while text.len() < bytes {
        if rng.chance(8) {
            let sub: Vec<String> = (0..2 + rng.below(5)).map(|_| word(&mut rng)).collect();
            push(&mut text, &sub.join(" "), &mut chars);
            push(&mut text, "\r\n\r\n", &mut chars);
        }
        let sentences = 1 + rng.below(7);
        for k in 0..sentences {
            if k > 0 {
                push(&mut text, " ", &mut chars);
            }
            let s = sentence(&mut rng);
            for (i, w) in s.split(' ').enumerate() {
                if i > 0 {
                    push(&mut text, " ", &mut chars);
                }
                let len = w.chars().count();
                if chars >= next_span_at && len > 1 {
                    let label = labels[spans.len() % labels.len()];
                    spans.push(Span::manual(
                        spans.len() as u64 + 1,
                        chars,
                        chars + len,
                        label,
                        w,
                    ));
                    next_span_at = chars + every;
                }
                push(&mut text, w, &mut chars);
            }
        }
        push(&mut text, "\r\n\r\n", &mut chars);
    }
    (text, spans)
}
