namespace Vupe.Server.Notifications;

/// <summary>Sends email. One implementation per transport (SMTP, a pickup folder); callers never know which.</summary>
public interface IMailSender
{
    /// <summary>Hands the message to the transport; throws when it could not (the caller records the failure and retries later).</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}
