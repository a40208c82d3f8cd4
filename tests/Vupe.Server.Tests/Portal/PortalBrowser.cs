using System.Net;
using System.Text.RegularExpressions;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// A citizen's browser against the in-memory server, without redirects followed: it keeps its own cookies (so a test
/// can copy one to another browser, as a thief would), reads the antiforgery token of the last page and posts forms.
/// </summary>
public sealed partial class PortalBrowser(VupeServerFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The HTML of the last page answered (a redirect leaves it as it was).</summary>
    public string Html { get; private set; } = "";

    public async Task<HttpResponseMessage> GetAsync(string url, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return await SendAsync(request);
    }

    /// <summary>Posts a form with the antiforgery token of the page last read.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields)
    {
        var token = Token().Match(Html).Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the page carries an antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    /// <summary>Posts a multipart form (fields, then one file) with the antiforgery token of the page last read.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string url, Dictionary<string, string> fields, string fileField, string fileName, byte[] content, string mediaType)
    {
        var token = Token().Match(Html).Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the page carries an antiforgery token");
        var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        form.Add(file, fileField, fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Cookies.Remove(name);
                else Cookies[name] = value;
            }
        if (response.Content.Headers.ContentType?.MediaType == "text/html") Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
