// OpenSSL 3 (Debian libssl-dev): CMS signatures for PAdES, PKCS#12 keys, X.509 for the school's trial CA.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
