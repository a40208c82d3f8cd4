using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vupe.Server.Tests;

/// <summary>
/// What a person would read: the newest one-time code the server mailed to an address (the pickup folder's .eml files)
/// or texted to a phone (the SMS simulator's files), as tests type it back.
/// </summary>
public static partial class SentCodes
{
    public static string LatestMailed(VupeServerFactory factory, string address)
    {
        var folder = Path.Combine(factory.DataDirectory, "correo");
        var latest = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Select(f => new FileInfo(f)).OrderByDescending(f => f.LastWriteTimeUtc.Ticks)
                .Select(f => MimeKit.MimeMessage.Load(f.FullName))
                .FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)) && Code().IsMatch(m.TextBody ?? ""))
            : null;
        Assert.That(latest, Is.Not.Null, $"a code was mailed to {address}");
        return Code().Match(latest!.TextBody ?? "").Groups[1].Value;
    }

    public static string LatestTexted(VupeServerFactory factory, string phone)
    {
        var folder = Path.Combine(factory.DataDirectory, "sms");
        var latest = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.txt").Select(f => new FileInfo(f)).OrderByDescending(f => f.LastWriteTimeUtc.Ticks)
                .Select(f => File.ReadAllLines(f.FullName)).FirstOrDefault(lines => lines.Length > 1 && lines[0] == phone)
            : null;
        Assert.That(latest, Is.Not.Null, $"a code was texted to {phone}");
        return Code().Match(latest![1]).Groups[1].Value;
    }

    /// <summary>Verifies the ficha's email (or phone) as a consultant does at the desk: send a code, type back what arrived.</summary>
    public static async Task<JsonElement> VerifyContactAsync(VupeServerFactory factory, HttpClient consultant, Guid partyId, string channel, string destination)
    {
        var sent = await consultant.PostAsync($"/api/parties/{partyId}/contacts/{channel}/code", null);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await sent.Content.ReadAsStringAsync());
        var code = channel == "email" ? LatestMailed(factory, destination) : LatestTexted(factory, destination);
        var verified = await consultant.PostAsJsonAsync($"/api/parties/{partyId}/contacts/{channel}/verify", new { code });
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
        return await verified.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex(@"es (\d{6})\.")]
    private static partial Regex Code();
}
