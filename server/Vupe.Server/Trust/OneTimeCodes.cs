using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Data;
using Vupe.Server.Notifications;

namespace Vupe.Server.Trust;

/// <summary>Section "Vupe:OneTimeCodes": how long a code lives and how many wrong answers spend it.</summary>
public sealed class OneTimeCodeOptions
{
    public const string Section = "Vupe:OneTimeCodes";

    public const int MinPepperLength = 32;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);
    public int MaxAttempts { get; set; } = 5;
    /// <summary>The secret that keys the codes' HMAC (<see cref="CodePepper"/>), the same on every node; required in Production.</summary>
    public string? Pepper { get; set; }
    /// <summary>Without <see cref="Pepper"/> (development, tests): the file a random one is kept in; by default one-time-codes.pepper in the data folder.</summary>
    public string? PepperFile { get; set; }
}

/// <param name="MaskedDestination">Where it went, as the person may be shown it ("a***@correo.pe", "9******21").</param>
public sealed record SentCode(ContactChannel Channel, string MaskedDestination, DateTimeOffset ExpiresAt);

public enum CodeVerdict { Accepted, Wrong, Expired, Spent, TooManyAttempts, NoneSent, ContactChanged }

/// <summary>The answer to a typed code; <see cref="Message"/> is what the person reads (Spanish).</summary>
public sealed record CodeCheck(CodeVerdict Verdict, int AttemptsLeft)
{
    public bool Accepted => Verdict == CodeVerdict.Accepted;

    public string Message => Verdict switch
    {
        CodeVerdict.Accepted => "Código correcto.",
        CodeVerdict.Wrong => AttemptsLeft == 1
            ? "El código no es correcto. Le queda 1 intento."
            : string.Create(CultureInfo.InvariantCulture, $"El código no es correcto. Le quedan {AttemptsLeft} intentos."),
        CodeVerdict.Expired => "El código venció. Pida uno nuevo.",
        CodeVerdict.Spent => "Ese código ya fue usado o reemplazado por uno más reciente. Pida uno nuevo.",
        CodeVerdict.TooManyAttempts => "Demasiados intentos con un código equivocado: el código quedó anulado. Pida uno nuevo.",
        CodeVerdict.ContactChanged => "El dato de contacto cambió después de enviar el código. Pida uno nuevo.",
        _ => "Primero pida un código.",
    };
}

/// <summary>
/// One-time codes for any purpose (a ficha's email or phone, a citizen's CUL request, the virtual window's sign-in):
/// six random digits sent by email (<see cref="IMailSender"/>) or SMS (<see cref="ISmsSender"/>), stored only as an
/// HMAC keyed by the server's pepper (<see cref="CodePepper"/>, not in the database) over a salt of their own and the code, valid for <see cref="OneTimeCodeOptions.Lifetime"/>, spent by the first right answer,
/// by a newer code for the same purpose and subject, or by <see cref="OneTimeCodeOptions.MaxAttempts"/> wrong ones.
/// Callers audit; this service only issues and checks.
/// </summary>
public sealed class OneTimeCodes(
    IDbContextFactory<VupeDbContext> contexts, IMailSender mail, ISmsSender sms, TimeProvider time, IOptions<OneTimeCodeOptions> options, CodePepper pepper)
{
    /// <summary>Issues a code and sends it; earlier codes of the same purpose and subject stop working.</summary>
    /// <param name="what">What the code is for, completing "Su código de la VUPE para …" (e.g. "solicitar su CUL").</param>
    public async Task<SentCode> SendAsync(string purpose, string subject, ContactChannel channel, string destination, string recipientName, string what,
        CancellationToken ct)
    {
        var o = options.Value;
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var now = time.GetUtcNow();
        var row = new OneTimeCode
        {
            Purpose = purpose, Subject = subject, Channel = channel, DestinationHash = HashDestination(destination), CodeHash = Hash(code, salt), Salt = salt,
            CreatedAt = now, ExpiresAt = now + o.Lifetime,
        };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            foreach (var earlier in await db.OneTimeCodes.Where(c => c.Purpose == purpose && c.Subject == subject && c.SpentAt == null).ToListAsync(ct))
            {
                earlier.SpentAt = now;
                earlier.Version++;
            }
            db.OneTimeCodes.Add(row);
            await db.SaveChangesAsync(ct);
        }
        var minutes = (int)Math.Ceiling(o.Lifetime.TotalMinutes);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Su código de la VUPE para {what} es {code}. Vence en {minutes} minutos. No lo comparta: nadie de la VUPE se lo pedirá.");
        if (channel == ContactChannel.Email)
            await mail.SendAsync(new OutgoingMail(destination, recipientName, "Su código de verificación de la VUPE",
                $"Hola, {recipientName}:\n\n{text}\n\nSi usted no lo pidió, ignore este mensaje.\n\nVentanilla Única de Promoción del Empleo"), ct);
        else
            await sms.SendAsync(new OutgoingSms(destination, text), ct);
        return new SentCode(channel, ContactMask.Of(channel, destination), row.ExpiresAt);
    }

    /// <summary>
    /// Checks a typed code against the newest code of the purpose and subject; a right answer spends it. With
    /// <paramref name="destination"/>, the code must also have gone to that address (a contact changed since does not count).
    /// </summary>
    public async Task<CodeCheck> VerifyAsync(string purpose, string subject, string? destination, string? typed, CancellationToken ct)
    {
        var max = options.Value.MaxAttempts;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.OneTimeCodes.Where(c => c.Purpose == purpose && c.Subject == subject).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (row is null) return new CodeCheck(CodeVerdict.NoneSent, 0);
        if (row.SpentAt is not null) return new CodeCheck(row.FailedAttempts >= max ? CodeVerdict.TooManyAttempts : CodeVerdict.Spent, 0);
        var now = time.GetUtcNow();
        if (now >= row.ExpiresAt) return new CodeCheck(CodeVerdict.Expired, 0);
        if (destination is not null && !FixedEquals(row.DestinationHash, HashDestination(destination))) return new CodeCheck(CodeVerdict.ContactChanged, 0);

        var digits = new string([.. (typed ?? "").Where(char.IsAsciiDigit)]);
        var right = digits.Length == 6 && FixedEquals(row.CodeHash, Hash(digits, row.Salt));
        CodeCheck verdict;
        if (right)
        {
            row.SpentAt = now;
            verdict = new CodeCheck(CodeVerdict.Accepted, max - row.FailedAttempts);
        }
        else
        {
            row.FailedAttempts++;
            if (row.FailedAttempts >= max) row.SpentAt = now;
            verdict = row.FailedAttempts >= max ? new CodeCheck(CodeVerdict.TooManyAttempts, 0) : new CodeCheck(CodeVerdict.Wrong, max - row.FailedAttempts);
        }
        row.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another answer to the same code was counted first: the code is spent or has one attempt fewer; never accept twice.
            return new CodeCheck(CodeVerdict.Spent, 0);
        }
        return verdict;
    }

    /// <summary>Deletes codes that expired before <paramref name="before"/> (the daily retention job).</summary>
    internal async Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            // In batches through SaveChanges, so the deletes go through the database's one writer like every write.
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.OneTimeCodes.Where(c => c.ExpiresAt < before).Take(500).ToListAsync(ct);
            if (batch.Count == 0) return deleted;
            db.RemoveRange(batch);
            await db.SaveChangesAsync(ct);
            deleted += batch.Count;
        }
    }

    /// <summary>HMAC-SHA256 keyed by the pepper over salt and code: without the pepper, the stored hash says nothing about the code.</summary>
    private string Hash(string code, byte[] salt) => Convert.ToHexStringLower(HMACSHA256.HashData(pepper.Key, (byte[])[.. salt, .. Encoding.ASCII.GetBytes(code)]));

    private static string HashDestination(string destination) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(destination.Trim().ToLowerInvariant())));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}

/// <summary>An address shown to someone who has not proved who they are: enough to recognise it, not to learn it.</summary>
public static class ContactMask
{
    public static string Of(ContactChannel channel, string destination) => channel == ContactChannel.Email ? Email(destination) : Phone(destination);

    /// <summary>"ana.quispe@correo.pe" → "a***@correo.pe".</summary>
    public static string Email(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }

    /// <summary>"987654321" → "9******21".</summary>
    public static string Phone(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length < 4 ? "***" : digits[0] + new string('*', digits.Length - 3) + digits[^2..];
    }
}
