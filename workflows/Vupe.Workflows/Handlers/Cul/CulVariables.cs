using Vupe.Engine;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>The start variables of the CUL procedure that the server sets from the ficha única.</summary>
internal static class CulVariables
{
    public const string DocumentType = "tipoDocumento";
    public const string DocumentNumber = "numeroDocumento";
    public const string PartyId = "partyId";
    public const string IdentityValidated = "identidadValidada";

    /// <summary>The citizen's DNI: a CUL is issued only to DNI holders, whose identity RENIEC can confirm.</summary>
    public static string Dni(ServiceTaskContext context) => HoldsDni(context)
        ? TaskVariables.RequiredString(context, DocumentNumber)
        : throw new InvalidOperationException($"A CUL needs a DNI; the case's citizen holds a document of type '{TaskVariables.OptionalString(context, DocumentType)}'.");

    /// <summary>True unless the case names another document type (a case without one is taken to be a DNI holder's).</summary>
    public static bool HoldsDni(ServiceTaskContext context) =>
        TaskVariables.OptionalString(context, DocumentType) is not { } type || string.Equals(type, "Dni", StringComparison.OrdinalIgnoreCase);
}
