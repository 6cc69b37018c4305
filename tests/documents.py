"""Small document files built in the tests (no Django): what plan uploads and the mapping CLI read."""

from __future__ import annotations


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose content stream draws ``text`` (ASCII) in Helvetica, with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_of(objects)


def pdf_of(objects: list[bytes], version: bytes = b"1.4") -> bytes:
    """A PDF file of these objects (numbered from 1; the first is the catalog) with a correct xref table."""
    body = b"%PDF-" + version + b"\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def heavy_pdf(text: str, heavy_pages: int = 2, stream_bytes: int = 2 * 1024 * 1024) -> bytes:
    """A page that draws ``text``, then ``heavy_pages`` pages whose compressed content streams each unpack to
    ``stream_bytes`` of ``BT /F1 12 Tf (x) Tj ET``: a few kilobytes on disk that cost seconds to extract."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=io.BytesIO(minimal_pdf(text)))
    operators = b"BT /F1 12 Tf (x) Tj ET\n"
    for _ in range(heavy_pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = writer.pages[0]["/Resources"]
        content = DecodedStreamObject()
        content.set_data(operators * (stream_bytes // len(operators)))
        page.replace_contents(content.flate_encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def word_file(*paragraphs: str) -> bytes:
    """A Word (.docx) file with one paragraph per argument, as python-docx writes it."""
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_bomb(text: str, megabytes: int = 100) -> bytes:
    """A valid Word file that also holds a part of ``megabytes`` MB of zeros (referenced from the document, so a
    reader that loads every part loads it): well under a megabyte on disk."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(word_file(text)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdPadding" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/image" '
                                    b'Target="media/padding.bin"/></Relationships>')
            elif member.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Default Extension="bin" ContentType="image/png"/></Types>')
            package.writestr(member.filename, data)
        with package.open("word/media/padding.bin", "w") as padding:
            zeros = bytes(1024 * 1024)
            for _ in range(megabytes):
                padding.write(zeros)
    return buffer.getvalue()
