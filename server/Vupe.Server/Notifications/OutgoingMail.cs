namespace Vupe.Server.Notifications;

/// <summary>One message to one person, plain text (Spanish); the sender comes from <see cref="MailOptions.From"/>.</summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string Body);
