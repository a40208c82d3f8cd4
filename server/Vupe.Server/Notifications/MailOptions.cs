namespace Vupe.Server.Notifications;

/// <summary>
/// Outgoing email (section "Vupe:Mail"). With <see cref="SmtpHost"/> set, mail goes to that SMTP server; without it
/// (development, a fresh clone) each message is written as an .eml file to <see cref="PickupDirectory"/>, by default
/// the data directory's "correo" folder, so a newcomer sees what the server would have sent.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Vupe:Mail";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    /// <summary>MailKit's socket options: None (plain, e.g. a relay on the same network), StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender every message names.</summary>
    public string From { get; set; } = "VUPE - Ventanilla Única de Promoción del Empleo <no-responder@vupe.trabajo.gob.pe>";
    /// <summary>Where messages are written when no SMTP host is configured; default {DataDirectory}/correo.</summary>
    public string? PickupDirectory { get; set; }
}
