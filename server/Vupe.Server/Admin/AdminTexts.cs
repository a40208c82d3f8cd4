using Vupe.Server.Auth;

namespace Vupe.Server.Admin;

/// <summary>What the administration pages say for roles, states and audited actions.</summary>
public static class AdminTexts
{
    public static string RoleName(string? role) => role switch
    {
        Roles.Consultant => "Consultor(a)", Roles.Supervisor => "Supervisor(a)", Roles.Auditor => "Auditor(a)", Roles.Admin => "Administración", _ => role ?? "—",
    };

    public static string StateOf(UserDto u) => !u.LockedOut ? "Activo"
        : u.LockedByAdministrator ? "Bloqueado por administración"
        : $"Bloqueado por intentos fallidos hasta las {Pages.LimaTime.Format(u.LockedUntil!.Value, "HH:mm")}";

    public static string ActionName(string action) => action switch
    {
        "user.created" => "Cuenta creada",
        "user.updated" => "Datos, roles u oficina cambiados",
        "user.locked" => "Cuenta bloqueada",
        "user.unlocked" => "Cuenta desbloqueada",
        "user.passwordReset" => "Contraseña restablecida",
        "group.memberAdded" => "Agregado a un grupo",
        "group.memberRemoved" => "Quitado de un grupo",
        "office.contactChanged" => "Datos de contacto cambiados",
        _ => action,
    };
}
