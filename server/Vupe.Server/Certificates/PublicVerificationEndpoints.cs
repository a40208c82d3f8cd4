using Vupe.Documents.Content;
using Vupe.Documents.Pdf;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Idempotency;
using Vupe.Server.Problems;

namespace Vupe.Server.Certificates;

/// <summary>
/// The one part of the API open to anyone: third parties (an employer) check a certificate by its code or by the
/// PDF they were given. Rate-limited per client address.
/// </summary>
public static class PublicVerificationEndpoints
{
    public const string RateLimitPolicy = "verificacion-publica";
    public const string CitizenRequestPolicy = "solicitud-ciudadana";
    public const string MalformedCodeMessage = "El código tiene 12 letras y números, p. ej. K7QF-9M2X-RT4P.";

    /// <summary>A CUL is far smaller; a little more than its limit is enough for any genuine file.</summary>
    internal static readonly long MaxFileBytes = DocumentKinds.Cul.MaxBytes;

    public static void MapPublicVerificationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/public/certificates").WithTags("Public verification").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);

        group.MapGet("/{code}", async (string code, CertificateVerifier verifier, CancellationToken ct) =>
            await verifier.ByCodeAsync(ParseCode(code) ?? throw InvalidCode(), ct))
            .WithSummary("Verifies a certificate by its verification code (e.g. K7QF-9M2X-RT4P)");

        group.MapPost("/verify", async (HttpContext http, CertificateVerifier verifier, CancellationToken ct) =>
            await MultipartUpload.ReadAsync(http.Request, async (fields, file) =>
            {
                VerificationCode? code = null;
                if (fields.TryGetValue("code", out var text) && !string.IsNullOrWhiteSpace(text)) code = ParseCode(text) ?? throw InvalidCode();
                var pdf = await ReadLimitedAsync(file.Body, ct);
                return await verifier.ByFileAsync(pdf, code, ct);
            }, ct))
            .WithMetadata(new RequestBodyLimitAttribute(MaxFileBytes + 16 * 1024))
            .WithSummary("Verifies an uploaded PDF (multipart/form-data: code?, then file): is it exactly the issued file, is its signature intact, does it still stand");
    }

    /// <summary>The citizen's own CUL request (no account): DNI, its check character and birth date as RENIEC knows them.</summary>
    public static void MapCitizenCulEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/public/cul-requests/code", (CitizenCodeRequest request, CitizenCulChannel channel, CancellationToken ct) => channel.SendCodeAsync(request, ct))
            .WithTags("Public verification").AllowAnonymous().RequireRateLimiting(CitizenRequestPolicy)
            .WithSummary("Step 1 of a citizen's CUL request: checks DNI, check character and birth date, sends a one-time code to the ficha's verified email or phone");
        api.MapPost("/public/cul-requests", async (CitizenCulRequest request, CitizenCulChannel channel, CancellationToken ct) =>
            CulAnswer(await channel.RequestAsync(request, ct)))
        .WithTags("Public verification").AllowAnonymous().RequireRateLimiting(CitizenRequestPolicy)
        .Idempotent(IdempotentResources.Case, async (http, caseId) =>
            CulAnswer(await http.RequestServices.GetRequiredService<CitizenCulChannel>().AnswerAgainAsync(caseId, http.RequestAborted)))
        .WithSummary("Step 2: a citizen requests their own CUL with the code: 201 with the signed PDF (base64), or 202 when a back office did not answer and the case waits");
    }

    private static IResult CulAnswer(CitizenCulResponse answer) => answer.Issued ? Results.Created((string?)null, answer) : Results.Accepted((string?)null, answer);

    public static VerificationCode? ParseCode(string? text) => VerificationCode.TryParse(text, out var code) ? code : null;

    private static FieldValidationException InvalidCode() =>
        new(new Dictionary<string, string[]> { ["code"] = [MalformedCodeMessage] });

    /// <summary>The whole file in memory (the signature check needs every byte), refusing more than a certificate can be.</summary>
    public static async Task<byte[]> ReadLimitedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
                throw new FieldValidationException(new Dictionary<string, string[]> { ["file"] = [$"El archivo supera {MaxFileBytes / (1024 * 1024)} MB; no es un certificado emitido."] });
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw new FieldValidationException(new Dictionary<string, string[]> { ["file"] = ["El archivo está vacío."] });
        return buffer.ToArray();
    }
}
