namespace Vupe.Server.Portal;

/// <summary>
/// The stylesheets of the pages citizens and companies open on a phone, inlined in each page's head: Mi VUPE's and
/// VUPE Empresas' (<see cref="Css"/>, <c>_PortalLayout</c>, <c>_CompanyLayout</c>) and the public CUL request and
/// verification pages' (<see cref="PublicCss"/>, <c>_PublicLayout</c>). They are small (a few KB) and all of each is
/// needed for the first paint, so on a phone over 3G inlining saves the round trip a linked file would cost before
/// anything shows (issue 18's first-contentful-paint target; bench/portal-pages.sh measures it). Each read once.
/// </summary>
public sealed class PortalStyles(IWebHostEnvironment environment)
{
    private readonly Lazy<string> _portal = new(() => Read(environment, "css/portal.css"));
    private readonly Lazy<string> _public = new(() => Read(environment, "css/public.css"));

    public string Css => _portal.Value;

    public string PublicCss => _public.Value;

    private static string Read(IWebHostEnvironment environment, string path)
    {
        using var reader = new StreamReader(environment.WebRootFileProvider.GetFileInfo(path).CreateReadStream());
        return reader.ReadToEnd();
    }
}
