"""A certificate authority of our own, a signer, and PDFs signed (and tampered with) offline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fpdf import FPDF
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

SIGNER_NAME = "Nguyễn Văn An"
SIGNER_ORGANISATION = "Huyện ủy Tam Giang"


@dataclass(frozen=True)
class Pki:
    ca_pem: bytes
    signed_pdf: bytes
    tampered_pdf: bytes
    unsigned_pdf: bytes


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )


def _certificate(subject, issuer, public_key, signing_key, *, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(signing_key, hashes.SHA256())


def unsigned_pdf(text: str = "Thông báo kết luận của Ban Thường vụ") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, text.encode("ascii", "ignore").decode())
    return bytes(pdf.output())


def make_pki() -> Pki:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("CA Thử nghiệm Cổng thông tin", "Ban Cơ yếu Thử nghiệm")
    ca_cert = _certificate(ca_name, ca_name, ca_key.public_key(), ca_key, ca=True)
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer_cert = _certificate(
        _name(SIGNER_NAME, SIGNER_ORGANISATION), ca_name, signer_key.public_key(), ca_key, ca=False
    )
    der = serialization.Encoding.DER
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(signer_cert.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            signer_key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(ca_cert.public_bytes(der))]
        ),
    )
    base = unsigned_pdf()
    output = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(base)),
        signers.PdfSignatureMetadata(field_name="ChuKy1"),
        signer=signer,
    )
    signed = output.getvalue()
    return Pki(
        ca_pem=ca_cert.public_bytes(serialization.Encoding.PEM),
        signed_pdf=signed,
        tampered_pdf=tamper(signed),
        unsigned_pdf=base,
    )


def tamper(signed: bytes) -> bytes:
    """The same file with one character of its signed page description changed."""
    changed = signed.replace(b"/MediaBox [0 0", b"/MediaBox [1 0", 1)
    if changed == signed:
        raise ValueError("no page box to change")
    return changed
