using MimeKit;

namespace Vupe.Server.Notifications;

/// <summary>Builds the MIME message both transports send, so SMTP and the pickup folder carry exactly the same bytes.</summary>
internal static class MimeMessages
{
    public static MimeMessage From(OutgoingMail mail, MailOptions options, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = now,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body },
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        return message;
    }
}
