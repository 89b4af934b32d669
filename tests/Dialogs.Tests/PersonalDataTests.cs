using Dialogs.Privacy;

namespace Dialogs.Tests;

public class PersonalDataTests
{
    [Theory]
    [InlineData("19121212-1212")]
    [InlineData("121212-1212")]
    [InlineData("1212121212")]
    [InlineData("191212121212")]
    [InlineData("121212 1212")]
    [InlineData("121212+1212")]
    [InlineData("20111218-9871")]
    [InlineData("701063-2391")]
    [InlineData("19701063-2391")]
    [InlineData("7010632391")]
    public void IdentityNumbers_AndSamordningsnummer_AreMasked(string number)
    {
        var masked = PersonalData.MaskAll($"Mitt nummer är {number}, hjälp mig.");

        Assert.Equal($"Mitt nummer är {PersonalData.Mask}, hjälp mig.", masked);
    }

    [Theory]
    [InlineData("070-123 45 67")]
    [InlineData("0701234567")]
    [InlineData("070 123 45 67")]
    [InlineData("+46 70 123 45 67")]
    [InlineData("+46701234567")]
    [InlineData("+46 (0)70-123 45 67")]
    [InlineData("0046 70 123 45 67")]
    [InlineData("031-365 00 00")]
    [InlineData("031-3650000")]
    [InlineData("08-123 456 78")]
    [InlineData("0303-123 45")]
    [InlineData("031/365 00 00")]
    public void PhoneNumbers_AreMasked(string phone)
    {
        Assert.Equal($"Ring mig på {PersonalData.PhoneMask} i morgon", PersonalData.MaskAll($"Ring mig på {phone} i morgon"));
    }

    [Theory]
    [InlineData("anna.svensson@example.com")]
    [InlineData("ANNA_S+chatt@mail.goteborg.se")]
    [InlineData("åsa.öberg@exempel.nu")]
    public void EmailAddresses_AreMasked(string email)
    {
        Assert.Equal($"Svara till {PersonalData.EmailMask} tack", PersonalData.MaskAll($"Svara till {email} tack"));
    }

    [Theory]
    [InlineData("Storgatan 5")]
    [InlineData("storgatan 12B")]
    [InlineData("Gamla Varvsgatan 3")]
    [InlineData("Första Långgatan 20 A")]
    [InlineData("Kungsportsavenyn 10")]
    [InlineData("Avenyn 5")]
    [InlineData("Götabergsgatan 20, 411 34 Göteborg")]
    [InlineData("Eriksbergsvägen 14 lgh 1102")]
    [InlineData("Järntorget 4")]
    [InlineData("Lilla Torget 1")]
    [InlineData("Kvarnbacken 7")]
    public void StreetAddresses_AreMasked(string address)
    {
        Assert.Equal($"Jag bor på {PersonalData.AddressMask} sedan i fjol", PersonalData.MaskAll($"Jag bor på {address} sedan i fjol"));
    }

    [Theory]
    [InlineData("Hur skaffar jag ett bibliotekskort?")]
    [InlineData("Vad kostar bygglov för en altan på 25 kvm?")]
    [InlineData("Öppettider 08-17 och 10-15 på lördag")]
    [InlineData("Sophämtning 2026-11-24 kl. 07.00")]
    [InlineData("Felanmälan FR-2026-000123")]
    [InlineData("Vem skottar Storgatan?")]
    [InlineData("Fakturan på 1250 kr för 2025")]
    [InlineData("Busslinje 16 och 19 går via Järntorget")]
    [InlineData("121212-1213")]
    public void OrdinaryQuestions_AreLeftAlone(string text)
    {
        Assert.Equal(text, PersonalData.MaskAll(text));
        Assert.False(PersonalData.ContainsPersonalData(text));
    }

    [Fact]
    public void SeveralKindsInOneMessage_AreAllMasked()
    {
        var masked = PersonalData.MaskAll("Jag heter Anna, pnr 811218-9876, bor på Vasagatan 3 och nås på anna@example.se eller 073-555 12 34.");

        Assert.Equal("Jag heter Anna, pnr [personnummer], bor på [adress] och nås på [e-post] eller [telefon].", masked);
    }
}
