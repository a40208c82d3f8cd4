using System.Globalization;
using System.Net;
using Vupe.Connectors;
using Vupe.Server.Parties;
using Vupe.Server.Portal;

namespace Vupe.Server.Tests.Portal;

/// <summary>Signs a fresh citizen up to Mi VUPE through its pages (email verified by the mailed code); the browser ends signed in.</summary>
public static class PortalCitizens
{
    public const string Password = "Clave2026Segura";

    public static string Email(CitizenIdentity c) =>
        $"c{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(c.Dni)))[..10]}@example.pe";

    public static async Task<PortalBrowser> SignUpAsync(VupeServerFactory factory, CitizenIdentity citizen)
    {
        var contact = Email(citizen);
        var check = DocumentNumbers.DniCheck(citizen.Dni).Digit.ToString();
        var birth = citizen.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var browser = new PortalBrowser(factory);
        await browser.GetAsync("/mi-vupe/registro");
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", new() { ["Dni"] = citizen.Dni, ["CheckCharacter"] = check, ["BirthDate"] = birth, ["Contact"] = contact });
        var code = SentCodes.LatestMailed(factory, contact);
        var created = await browser.PostFormAsync("/mi-vupe/registro", new()
        {
            ["Dni"] = citizen.Dni, ["CheckCharacter"] = check, ["BirthDate"] = birth, ["Contact"] = contact, ["Code"] = code, ["Password"] = Password, ["PasswordAgain"] = Password,
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        Assert.That(browser.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.True);
        return browser;
    }
}
