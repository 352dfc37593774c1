"""A second, independent validator of hoso's signed PDFs: pyHanko (PyPI).

    python pades_check.py FILE.pdf CA.pem      prints one JSON line per signature, exit 0 when all pass

For each embedded signature it runs pyHanko's signature validation (integrity, the signer's certificate chained to
CA.pem as the only trust root, revocation not checked: a trial CA publishes none) and its AdES basic validation
(ETSI EN 319 102-1 § 5.3), and checks the PAdES baseline B-B profile of ETSI EN 319 142-1 § 6.3: SubFilter
ETSI.CAdES.detached, a signing-certificate-v2 attribute, no signing-time attribute in the CMS (the time is /M,
which must be present), SHA-256.
"""
import asyncio
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.ades import ades_basic_validation
from pyhanko.sign.validation.policy_decl import (
    CertValidationPolicySpec,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.context import CertValidationPolicySpec as _unused  # noqa: F401
from pyhanko_certvalidator.policy_decl import RevocationCheckingPolicy, RevocationCheckingRule, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager


async def check(path, ca_path):
    root = load_cert_from_pemder(ca_path)
    results = []
    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        for sig in reader.embedded_signatures:
            context = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
            status = await async_validate_pdf_signature(sig, context)
            attrs = {a["type"].native for a in sig.signed_data["signer_infos"][0]["signed_attrs"]}
            spec = SignatureValidationSpec(
                cert_validation_policy=CertValidationPolicySpec(
                    trust_manager=SimpleTrustManager.build(trust_roots=[root]),
                    revinfo_policy=CertRevTrustPolicy(
                        RevocationCheckingPolicy(
                            ee_certificate_rule=RevocationCheckingRule.NO_CHECK,
                            intermediate_ca_cert_rule=RevocationCheckingRule.NO_CHECK,
                        )
                    ),
                ),
                revinfo_gathering_policy=RevocationInfoGatheringSpec(),
                key_usage_settings=KeyUsageConstraints(),
            )
            ades = await ades_basic_validation(sig.signed_data, spec, raw_digest=sig.compute_digest())
            b_b = {
                "subfilter": sig.sig_object.get("/SubFilter") == "/ETSI.CAdES.detached",
                "signing_certificate_v2": "signing_certificate_v2" in attrs,
                "no_cms_signing_time": "signing_time" not in attrs,
                "has_M": "/M" in sig.sig_object,
                "sha256": sig.signed_data["signer_infos"][0]["digest_algorithm"]["algorithm"].native == "sha256",
            }
            results.append({
                "signer": sig.signer_cert.subject.native.get("common_name"),
                "intact": status.intact, "valid": status.valid, "trusted": status.trusted,
                "bottom_line": status.bottom_line,
                "ades": ades.ades_subindic.status.name if hasattr(ades.ades_subindic, "status") else str(ades.ades_subindic),
                "ades_subindic": str(ades.ades_subindic),
                "pades_b_b": all(b_b.values()), "profile": b_b,
            })
    return results


def main():
    results = asyncio.run(check(sys.argv[1], sys.argv[2]))
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    ok = results and all(r["bottom_line"] and r["pades_b_b"] and r["ades"] == "PASSED" for r in results)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
