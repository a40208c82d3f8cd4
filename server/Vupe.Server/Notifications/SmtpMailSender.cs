using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Notifications;

/// <summary>Sends through the configured SMTP server with MailKit: one connection per message (a handful a minute at most).</summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        using var message = MimeMessages.From(mail, o, time.GetUtcNow());
        using var client = new SmtpClient();
        await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Vupe:Mail:SmtpHost is not set."), o.SmtpPort, Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        logger.LogInformation("Mail \"{Subject}\" sent to {To} through {Host}", mail.Subject, mail.ToAddress, o.SmtpHost);
    }
}
