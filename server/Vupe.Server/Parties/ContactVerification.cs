using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Problems;
using Vupe.Server.Trust;

namespace Vupe.Server.Parties;

public sealed record ContactCodeSent(string Channel, string SentTo, DateTimeOffset ExpiresAt, string Message);

public sealed record VerifyContactRequest(string? Code);

/// <summary>
/// Proves that a person receives what is sent to the email or phone of their ficha: a one-time code goes there and
/// the code typed back (at the desk, or by the citizen) marks that contact verified, with the time. Sending and each
/// answer are written in the ficha's trail. Changing the contact clears its verification (<see cref="PartyDirectory"/>).
/// The citizen's CUL request and the virtual window send their codes only to verified contacts.
/// </summary>
public sealed class ContactVerification(VupeDbContext db, OneTimeCodes codes, AuditLog audit, TimeProvider time)
{
    public static ContactChannel? ParseChannel(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "email" or "correo" => ContactChannel.Email,
        "phone" or "telefono" or "teléfono" => ContactChannel.Phone,
        _ => null,
    };

    public async Task<ContactCodeSent> SendAsync(Guid partyId, string? channelText, CancellationToken ct)
    {
        var (party, channel, destination) = await ContactOfAsync(partyId, channelText, ct);
        var sent = await codes.SendAsync(PurposeOf(channel), partyId.ToString(), channel, destination, party.DisplayName,
            channel == ContactChannel.Email ? "confirmar su correo electrónico" : "confirmar su teléfono", ct);
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "party.contact.codeSent", new { channel = NameOf(channel), sentTo = sent.MaskedDestination }, ct);
        return new ContactCodeSent(NameOf(channel), sent.MaskedDestination, sent.ExpiresAt,
            $"Enviamos un código de 6 dígitos a {sent.MaskedDestination}. Pida a la persona que lo lea; vence en unos minutos.");
    }

    public async Task<PartyDto> VerifyAsync(Guid partyId, string? channelText, VerifyContactRequest request, UserScope user, CancellationToken ct)
    {
        var (_, channel, destination) = await ContactOfAsync(partyId, channelText, ct);
        var check = await codes.VerifyAsync(PurposeOf(channel), partyId.ToString(), destination, request.Code, ct);
        if (!check.Accepted)
        {
            await audit.AppendAsync(AuditTrails.ForParty(partyId), "party.contact.refused", new { channel = NameOf(channel), verdict = check.Verdict.ToString() }, ct);
            throw new FieldValidationException(new Dictionary<string, string[]> { ["code"] = [check.Message] }, "El código no permite verificar el contacto.");
        }
        var party = await db.Parties.Include(p => p.Consents).FirstAsync(p => p.Id == partyId, ct);
        var person = party.Person!;
        var now = time.GetUtcNow();
        if (channel == ContactChannel.Email) person.EmailVerifiedAt = now;
        else person.PhoneVerifiedAt = now;
        party.UpdatedAt = now;
        party.Version++;
        db.Entry(party).Reference(p => p.Person).TargetEntry!.State = EntityState.Modified;
        audit.Stage(db, AuditTrails.ForParty(partyId), "party.contact.verified",
            new { channel = NameOf(channel), contact = ContactMask.Of(channel, destination), verifiedAt = now, by = user.UserName });
        await db.SaveChangesAsync(ct);
        return PartyDto.From(party);
    }

    /// <summary>
    /// Records on the ficha a contact its owner proved elsewhere (the virtual window's sign-up or contact change: a code
    /// sent to <paramref name="destination"/> and typed back): it becomes the ficha's email or phone, verified now.
    /// </summary>
    public async Task RecordProvedAsync(Guid partyId, ContactChannel channel, string destination, string by, CancellationToken ct)
    {
        var party = await db.Parties.Include(p => p.Consents).FirstOrDefaultAsync(p => p.Id == partyId, ct) ?? throw new NotFoundException($"Party {partyId} does not exist.");
        var person = party.Person ?? throw new InvalidStateException("Only a person's ficha has a contact to verify.");
        var now = time.GetUtcNow();
        var before = channel == ContactChannel.Email ? person.Email : person.Phone;
        if (channel == ContactChannel.Email)
        {
            person.Email = destination.Trim();
            person.EmailVerifiedAt = now;
        }
        else
        {
            person.Phone = destination.Trim();
            person.PhoneVerifiedAt = now;
        }
        party.UpdatedAt = now;
        party.Version++;
        db.Entry(party).Reference(p => p.Person).TargetEntry!.State = EntityState.Modified;
        audit.Stage(db, AuditTrails.ForParty(partyId), "party.contact.verified", new
        {
            channel = NameOf(channel), contact = ContactMask.Of(channel, destination), changed = !string.Equals(before?.Trim(), destination.Trim(), StringComparison.OrdinalIgnoreCase),
            verifiedAt = now, by,
        });
        await db.SaveChangesAsync(ct);
    }

    public static string NameOf(ContactChannel channel) => channel == ContactChannel.Email ? "email" : "phone";

    private static string PurposeOf(ContactChannel channel) => channel == ContactChannel.Email ? CodePurposes.VerifyEmail : CodePurposes.VerifyPhone;

    private async Task<(Party Party, ContactChannel Channel, string Destination)> ContactOfAsync(Guid partyId, string? channelText, CancellationToken ct)
    {
        var channel = ParseChannel(channelText)
            ?? throw new FieldValidationException(new Dictionary<string, string[]> { ["channel"] = ["Indique «email» o «phone»."] });
        var party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partyId, ct) ?? throw new NotFoundException($"Party {partyId} does not exist.");
        var destination = channel == ContactChannel.Email ? party.Person?.Email : party.Person?.Phone;
        if (string.IsNullOrWhiteSpace(destination))
            throw new FieldValidationException(new Dictionary<string, string[]>
            {
                ["channel"] = [channel == ContactChannel.Email ? "La ficha no tiene un correo electrónico registrado." : "La ficha no tiene un teléfono registrado."],
            });
        return (party, channel, destination.Trim());
    }
}
