using Vupe.Dmn.Tck;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: tck <folder laid out like the DMN TCK TestCases>");
    return 2;
}

TckReport report;
try
{
    report = TckRunner.Run(args[0]);
}
catch (DirectoryNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

foreach (var element in report.Uncompiled)
{
    Console.WriteLine(element);
}

foreach (var failure in report.Failures)
{
    Console.WriteLine(failure);
}

Console.WriteLine(report.Summary);
return report.Failed > 0 ? 1 : 0;
