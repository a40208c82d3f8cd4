using System.IO.Compression;
using System.Text;
using Vupe.Documents.Content;

namespace Vupe.Documents.Tests.Content;

public sealed class MediaTypeSnifferTests
{
    private static byte[] Bytes(params int[] values) => values.Select(v => (byte)v).Concat(new byte[32]).ToArray();

    [Test]
    public void Recognises_common_formats_by_their_first_bytes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MediaTypeSniffer.Sniff("%PDF-1.7\n%âãÏÓ"u8), Is.EqualTo(MediaTypes.Pdf));
            Assert.That(MediaTypeSniffer.Sniff(Bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)), Is.EqualTo(MediaTypes.Png));
            Assert.That(MediaTypeSniffer.Sniff(Bytes(0xFF, 0xD8, 0xFF, 0xE0)), Is.EqualTo(MediaTypes.Jpeg));
            Assert.That(MediaTypeSniffer.Sniff("GIF89a\x01\x00"u8), Is.EqualTo(MediaTypes.Gif));
            Assert.That(MediaTypeSniffer.Sniff(Bytes('I', 'I', 42, 0)), Is.EqualTo(MediaTypes.Tiff));
            Assert.That(MediaTypeSniffer.Sniff(Bytes('M', 'M', 0, 42)), Is.EqualTo(MediaTypes.Tiff));
            Assert.That(MediaTypeSniffer.Sniff("RIFF\x10\x00\x00\x00WEBPVP8 "u8), Is.EqualTo(MediaTypes.WebP));
            Assert.That(MediaTypeSniffer.Sniff(Bytes('M', 'Z', 0x90, 0)), Is.EqualTo(MediaTypes.WindowsExecutable));
            Assert.That(MediaTypeSniffer.Sniff(Bytes(0x7F, 'E', 'L', 'F')), Is.EqualTo(MediaTypes.ElfExecutable));
            Assert.That(MediaTypeSniffer.Sniff(Encoding.UTF8.GetBytes("Señor José, año 2024\r\n¿Cómo está?")), Is.EqualTo(MediaTypes.PlainText));
            Assert.That(MediaTypeSniffer.Sniff(Bytes(1, 2, 3, 0, 5)), Is.EqualTo(MediaTypes.Unknown));
            Assert.That(MediaTypeSniffer.Sniff([0xC3, 0x28, 0x41]), Is.EqualTo(MediaTypes.Unknown), "invalid UTF-8 is not text");
            Assert.That(MediaTypeSniffer.Sniff([]), Is.EqualTo(MediaTypes.Unknown));
        });
    }

    [TestCase("word/document.xml", MediaTypes.Docx)]
    [TestCase("xl/workbook.xml", MediaTypes.Xlsx)]
    [TestCase("readme.txt", MediaTypes.Zip)]
    public void Tells_office_files_from_plain_zip_archives(string entry, string expected)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry(entry).Open());
            writer.Write("<x/>");
        }
        Assert.That(MediaTypeSniffer.Sniff(zip.ToArray()), Is.EqualTo(expected));
    }

    [Test]
    public async Task Sniffing_a_stream_rewinds_it()
    {
        using var stream = new MemoryStream("%PDF-1.4 rest"u8.ToArray());
        Assert.That(await MediaTypeSniffer.SniffAsync(stream), Is.EqualTo(MediaTypes.Pdf));
        Assert.That(stream.Position, Is.Zero);
    }
}
