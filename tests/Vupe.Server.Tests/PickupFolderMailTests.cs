using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Vupe.Server.Notifications;

namespace Vupe.Server.Tests;

/// <summary>Without an SMTP host (./run.sh in development) mails are written to the pickup folder as .eml files a newcomer can open.</summary>
public sealed class PickupFolderMailTests
{
    [Test]
    public async Task A_mail_is_written_whole_as_an_eml_file_with_its_spanish_subject()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vupe-correo-tests", Guid.NewGuid().ToString("N"));
        var options = Options.Create(new MailOptions { PickupDirectory = folder });
        var sender = new PickupFolderMailSender(options, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<PickupFolderMailSender>.Instance);
        try
        {
            await sender.SendAsync(new OutgoingMail("ana@vupe.example", "Ana Quispe Mamani", "Tarea por vencer: «Entrevista» del expediente LIM-1", "Ábrala aquí."), CancellationToken.None);

            var file = Directory.GetFiles(folder).Single();
            Assert.That(file, Does.EndWith(".eml"), "no temp file left behind");
            using var message = await MimeMessage.LoadAsync(file);
            Assert.That(message.Subject, Is.EqualTo("Tarea por vencer: «Entrevista» del expediente LIM-1"));
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("ana@vupe.example"));
            Assert.That(message.TextBody, Does.Contain("Ábrala aquí."));
            Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("no-responder@vupe.trabajo.gob.pe"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
