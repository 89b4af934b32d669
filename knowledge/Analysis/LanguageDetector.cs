using System.Text.RegularExpressions;

namespace Knowledge.Analysis;

/// <summary>What a message's words say about its language.</summary>
/// <param name="Language">The served language the message is written in, or null when it gives no evidence.</param>
/// <param name="Unsupported">True when the message is clearly in a language the bot does not serve (German, Russian, Tigrinya …).</param>
public sealed record DetectedLanguage(Language? Language, bool Unsupported)
{
    public static DetectedLanguage None { get; } = new(null, false);
}

/// <summary>
/// Tells the language of a message: Arabic from Persian by the letters only Persian uses (پ چ ژ گ ک ی)
/// and the ones only Arabic uses (ة ي ك ى), other scripts as languages we do not serve, and Swedish,
/// English, Finnish and Somali in Latin script by their function words and endings. Residents mix in
/// Swedish words ("förskola", "hemtjänst"), so the Swedish letters å ä ö count only a little. When the
/// message gives no evidence (a name, a number), the conversation's language stays.
/// </summary>
public static partial class LanguageDetector
{
    private static readonly HashSet<string> Swedish = Words("""
        och är jag det hur vad var när vem kan min mitt mina ett en på för med till har inte om vilken vilket vilka får
        ska tack hej hejsan man måste finns gäller vill någon något mig dag idag imorgon öppet också eller av från kostar
        varför behöver du ni vi de den som att efter under utan vid hos bor hemma snälla tjena hallå vår ingen jo nej ja
        han hon dom sig sin sitt sina kommer blir blev skulle kunde borde där här nu bara mycket lite sen då vart
        vårt våra er ert era mej dej dig hans hennes deras åt ur går gör gjorde fick hade varit ut inne
        pa nar maste ar fran ocksa nagon nagot gar gor far vart hjalp ater oppet oppna behover mojligt ocksa
        """);

    private static readonly HashSet<string> English = Words("""
        the is are what how when where who can i my to of for with do does please thanks thank hello hi you a an and
        open which there it in on at should need get have has will would could your our this that if from about much many
        long why be report pay apply me someone street library school child city not working am was were did new year
        he she they them his her their been being into out up any some just now here than then so but or no yes
        """);

    private static readonly HashSet<string> Finnish = Words("""
        on ja ei mitä miten voiko se saa onko meidän nyt ole eikä mistä en että hän mun kun sen haluan teen jo pitääkö
        milloin vai mutta missä mihin ihan jos kanssa koko saada mikä kuka saako sitten enkä joka voi vielä tehdä tulee
        paljonko mitään pitää enää ne olen tosi meillä kuin mä mulla ettei täällä kuinka sitä me tuli oo vaikka kenelle
        hänelle oon montako olla haluaa voin saan pois voinko haluaisin kukaan juuri ilman jotain koska niin asun siitä
        mut tarvitsen paljon ollenkaan minä minun minulle sinä sinun te he heidän tämä tuo nämä ovat oli ollut olisi
        moi hei kiitos kiitti anteeksi apua kyllä joo ei en et emme mikä mitkä miksi kenen jossa josta johon myös vain
        """);

    private static readonly HashSet<string> Somali = Words("""
        ma ayaa ku ayaan oo ka ah la u waa karaa qof ee ayay aan inaan sidee waxaan ii soo loo ayuu yahay rabaa iyo
        tahay sideen wuu laga hadda codsadaa in lagu mise way waan ugu weli goorma i sameeyaa jir helaa dhacay laakiin
        yar lacag xaggee si haddii yaa maxay kale aniga hore waxay guriga wax xagee maxaa hor badan maxaan kaliya aad
        ay weyn jira jiraa intee wuxuu mid immisa cusub kartaa baahan ha mar iga loogu jirtaa leeyahay fadlan dhan inay
        uu karo walba yihiin leh leedahay nin furan iska kala heli baahanahay qabaa haysto meel salaan nabad mahadsanid
        haa maya waxa kuma kama lama uma baan baa miyaa miyuu sow hooyo aabo caruurta carruurta
        """);

    // Languages we do not serve, by their commonest words, so that "Ich spreche kein Schwedisch" gets the
    // reply that names the languages we serve instead of a Swedish guess.
    private static readonly HashSet<string> Unserved = Words("""
        ich und nicht bitte wie ist das der die sprechen ein eine mit kann mein meine wo warum haben sie wir ihr auch
        hola que el los las por como quiero puedo tengo necesito gracias dónde donde cuándo está estoy hablo ayuda
        je le les est pas bonjour comment vous pour suis avec merci mon une des où pourquoi parle besoin aide
        bir ve bu ne nasıl merhaba istiyorum için değil var yok nerede neden lütfen yardım teşekkürler ben sen
        ciao sono per che della non grazie dove perché voglio posso
        olá não obrigado onde quero preciso você
        jestem nie jak gdzie dlaczego proszę dziękuję chcę mogę
        ik niet hoe waar waarom alsjeblieft dank ben wil kan het een
        ez tu û ji bi li çawa dixwazim kurdî spas
        sam ne kako gdje zašto hvala molim mogu želim treba
        """);

    // Persian and Arabic as many residents type them on a Latin keyboard ("Finglish", "Arabizi").
    private static readonly HashSet<string> PersianLatin = Words("""
        ro mishe az ke koja ba be too ye dare baraye mikham konam bedam komak darkhast dokhtaram pesaram madrese kei bayad
        konim ham miad jeloye khoone kard ya oftade nemitoone shode sabtenam haye entekhab kardam chikar avaz kardim gereft
        nadaram pish va chetor chetori hast nist chand nafar bezane ketabkhoone chejori midan madaram pedaram gerefte dige
        harf mizane mizanan adam mikone kame begiram taghir tamoom yadam raft key bashe dadan hich kodoom vaghti khoonamoon
        kar mahe baad befrestam peyda nemikonam hafte montazeram bezaram bebaran hazine ashghal age kamtar arzoon tar
        mibaran darim faghat eteraz ghalat neveshtan jadidam tazeh lotfan baladeh mikhad bere zende basham nemikham man
        shoma mikhastam khodam khoonam chera chi chie kojast mitoonam mitunam begam begid merci mamnoon
        """);

    private static readonly HashSet<string> ArabicLatin = Words("""
        el w fi ma bl kif mn ana bel wen la b bdi shu sho 3ala ktir ya3ni a2adem 3al 7ad ma3 shi masari min shahr 3nd
        3ndna bdna nsajjel walad bil mnsawi a2bal makan bsawiha emta wa2t madrase bsajel 3la bshtghel lal sa3a benti
        3ndi lazem ba3d ekhod b2dr a3ref shorot ajeeb akel byakhdo 2adeesh kbeere day3at a3mel mafto7 bukra ya jama3a
        wallah ma3o nas m3ada wa7ed 7ada 3am hal kam lesh leh mish msh bade ahla marhaba shukran habibi inshallah
        """);

    private static readonly HashSet<string> Ambiguous = Words("i a on en in me se ne man han kan ha ma la i u oo ka am ay mina for fi ya ba be w b na man va");

    private static readonly string[] FinnishEndings = ["ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "kin", "kaan", "kään", "ko", "kö", "ään", "aan", "ista", "istä", "nen", "mme", "tte"];

    public static Language Detect(string text, Language fallback = Language.Swedish) => Identify(text).Language ?? fallback;

    public static DetectedLanguage Identify(string text)
    {
        // An e-mail address or a link says nothing about the language ("anna@example.se" is not Finnish "se").
        text = Addresses().Replace(text ?? "", " ");
        if (string.IsNullOrWhiteSpace(text))
        {
            return DetectedLanguage.None;
        }
        var script = Scripts(text);
        if (script.Other > script.Latin + script.Arabic && script.Other >= 2)
        {
            return new DetectedLanguage(null, true);
        }
        // Anyone who writes a word in Arabic script reads it; Swedish nouns around it ("förskola کجاست") do not count.
        if (script.Arabic >= 3)
        {
            return ArabicScript(text);
        }
        return LatinScript(text);
    }

    private static DetectedLanguage ArabicScript(string text)
    {
        int persian = 0, arabic = 0, other = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case 'پ' or 'چ' or 'ژ' or 'گ' or '\u06A9' or '\u06CC':
                    persian++;
                    break;
                case 'ة' or '\u064A' or '\u0643' or 'ى':
                    arabic++;
                    break;
                // Sorani Kurdish, Urdu and Pashto letters: a language we do not serve.
                case 'ێ' or 'ۆ' or 'ڕ' or 'ڵ' or 'ە' or 'ڤ' or 'ں' or 'ے' or 'ٹ' or 'ڈ' or 'ڑ' or 'ښ' or 'ږ' or 'ځ':
                    other++;
                    break;
            }
        }
        if (other > 0 && other >= Math.Max(persian, arabic) / 2)
        {
            return new DetectedLanguage(null, true);
        }
        // ي and ك are sometimes typed on Persian keyboards, and ی and ک never in Arabic: Persian letters weigh more.
        return new DetectedLanguage(persian * 2 >= arabic && persian > 0 ? Language.Persian : Language.Arabic, false);
    }

    private static DetectedLanguage LatinScript(string text)
    {
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        double swedish = 0, english = 0, finnish = 0, somali = 0, unserved = 0, persian = 0, arabic = 0;
        double finnishEndings = 0, somaliShapes = 0;
        foreach (var word in words)
        {
            var weight = Ambiguous.Contains(word) ? 0.5 : 1.0;
            if (PersianLatin.Contains(word))
            {
                persian += weight;
            }
            if (ArabicLatin.Contains(word))
            {
                arabic += weight;
            }
            else if (word.Any(char.IsAsciiLetter) && word.Any(c => c is '2' or '3' or '5' or '7' or '8' or '9'))
            {
                // Arabizi writes ع ح ء ق as 3 7 2 8 inside words ("3ndna", "a2bal").
                arabic += 1;
            }
            if (Swedish.Contains(word))
            {
                swedish += weight;
            }
            if (English.Contains(word))
            {
                english += weight;
            }
            if (Finnish.Contains(word))
            {
                finnish += weight;
            }
            else if (word.Length >= 5 && !word.Contains('å') && !Swedish.Contains(word))
            {
                finnishEndings += FinnishShape(word);
            }
            if (Somali.Contains(word))
            {
                somali += weight;
            }
            else if (word.Length >= 4 && (word.Contains("aa") || word.Contains("ii") || word.Contains("uu") || word.Contains("oo")) && word.Contains('x'))
            {
                somaliShapes += 0.5;
            }
            if (Unserved.Contains(word))
            {
                unserved += weight;
            }
            if (word.Any(c => c is 'å'))
            {
                swedish += 0.5;
            }
            else if (word.Any(c => c is 'ä' or 'ö'))
            {
                swedish += 0.25;
                finnish += 0.25;
            }
        }
        // Weak endings only confirm a language whose words are already there ("lista" is Swedish too).
        finnish += finnish >= 1 || finnishEndings >= 1 ? finnishEndings : 0;
        somali += somali >= 1 ? somaliShapes : 0;
        var scores = new (Language Language, double Score)[]
        {
            (Language.Swedish, swedish), (Language.English, english), (Language.Finnish, finnish), (Language.Somali, somali),
            (Language.Persian, persian), (Language.Arabic, arabic),
        };
        var best = scores.MaxBy(s => s.Score);
        var ties = scores.Count(s => s.Score == best.Score);
        if (unserved >= 2 && unserved > best.Score)
        {
            return new DetectedLanguage(null, true);
        }
        // Half a word of evidence ("se", "i") is not enough to change the language.
        if (best.Score < 1 || ties > 1)
        {
            // Equal evidence for Swedish and English keeps the conversation's language, as before.
            return DetectedLanguage.None;
        }
        return new DetectedLanguage(best.Language, false);
    }

    /// <summary>How Finnish a word looks: a question clitic ("maksaako"), or a case ending on a word with a long vowel or ä/ö.</summary>
    private static double FinnishShape(string word)
    {
        if (word.Length >= 6 && QuestionClitic().IsMatch(word))
        {
            return 1;
        }
        if (!FinnishEndings.Any(word.EndsWith))
        {
            return 0;
        }
        if (LongVowel().IsMatch(word))
        {
            return 0.75;
        }
        return word.Any(c => c is 'ä' or 'ö' or 'y') ? 0.5 : 0.25;
    }

    [GeneratedRegex("(aa|ee|ii|oo|uu|yy|ää|öö|ie|uo|yö)")]
    private static partial Regex LongVowel();

    [GeneratedRegex("[aeiouyäö](ko|kö|ks|kos|kös)$")]
    private static partial Regex QuestionClitic();

    private static (int Latin, int Arabic, int Other) Scripts(string text)
    {
        int latin = 0, arabic = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }
            if (c < 0x0250 || c is >= '\u1E00' and <= '\u1EFF')
            {
                latin++;
            }
            else if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
            {
                arabic++;
            }
            else
            {
                other++;
            }
        }
        return (latin, arabic, other);
    }

    private static HashSet<string> Words(string list) =>
        new(list.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    // E-mail addresses and web addresses say nothing about the language.
    [GeneratedRegex(@"\S+@\S+|https?://\S+|www\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Addresses();
}
