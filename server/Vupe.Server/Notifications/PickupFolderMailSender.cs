using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Notifications;

/// <summary>
/// Development transport: writes each message as an .eml file (open it with any mail client or a text editor) to the
/// pickup folder instead of sending it. Written to a temp name and renamed, so a reader never sees half a message.
/// </summary>
internal sealed class PickupFolderMailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        var folder = o.PickupDirectory ?? throw new InvalidOperationException("Vupe:Mail:PickupDirectory is not set.");
        Directory.CreateDirectory(folder);
        var now = time.GetUtcNow();
        using var message = MimeMessages.From(mail, o, now);
        // What an SMTP client does before sending: pick transfer encodings, so the file is a standard 7-bit message.
        message.Prepare(MimeKit.EncodingConstraint.SevenBit);
        var name = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        var temp = Path.Combine(folder, name + ".tmp");
        await message.WriteToAsync(temp, ct);
        File.Move(temp, Path.Combine(folder, name));
        logger.LogInformation("Mail \"{Subject}\" to {To} written to {File} (no SMTP host configured)", mail.Subject, mail.ToAddress, Path.Combine(folder, name));
    }
}
