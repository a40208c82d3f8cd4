using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Bench.Crash;

/// <summary>A call's outcome as the client saw it: an answer (any status) or none (the connection broke: the server died mid-call).</summary>
internal sealed record Answer(HttpStatusCode? Status, JsonElement Body, HttpResponseHeaders? Headers, byte[] Bytes)
{
    public bool Acknowledged => Status is { } s && (int)s is >= 200 and < 300;
    public bool Unanswered => Status is null;

    public static readonly Answer None = new(null, default, null, []);
}

/// <summary>
/// A signed-in user of the server under test, over HTTP on loopback. A broken connection is an <see cref="Answer.None"/>,
/// never an exception: the workload tells "acknowledged" from "not answered" by it.
/// </summary>
internal sealed class Api(HttpClient http, string userName, string token)
{
    public string UserName { get; } = userName;

    public const string Password = "Vupe.Demo.2026";

    public static async Task<Api> SignInAsync(HttpClient http, string userName, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { userName, password = Password }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{userName} could not sign in: {(int)response.StatusCode} {body}");
        return new Api(http, userName, JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!);
    }

    public Task<Answer> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, null, ct);

    public Task<Answer> PostAsync(string path, object? json, string? idempotencyKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, json is null ? null : () => JsonContent.Create(json), idempotencyKey, ct);

    public Task<Answer> PutAsync(string path, object json, CancellationToken ct) => SendAsync(HttpMethod.Put, path, () => JsonContent.Create(json), null, ct);

    /// <summary>A PDF upload; the same bytes and fields each time it is sent again with its key (a new multipart boundary each time).</summary>
    public Task<Answer> UploadAsync(string path, string title, byte[] pdf, string idempotencyKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, () =>
        {
            var form = new MultipartFormDataContent { { new StringContent("otro"), "kind" }, { new StringContent(title), "title" } };
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "constancia.pdf");
            return form;
        }, idempotencyKey, ct);

    private async Task<Answer> SendAsync(HttpMethod method, string path, Func<HttpContent>? content, string? idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content?.Invoke() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            var json = default(JsonElement);
            if (bytes.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.Ordinal))
                json = JsonDocument.Parse(bytes).RootElement.Clone();
            return new Answer(response.StatusCode, json, response.Headers, bytes);
        }
        // A connection the kill cut while it was being made can surface as a bare SocketException (ENOTCONN from reading its remote end point).
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return Answer.None;
        }
    }
}
