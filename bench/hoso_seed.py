#!/usr/bin/env python3
"""Seeds listed children with registration codes into hoso's open admissions campaign, fast, with SQL.

    bench/hoso_seed.py --sqlite DATA_DIR/hoso.sqlite --children 150000 --parents parents.tsv
    bench/hoso_seed.py --postgres postgres://... --children 150000 --parents parents.tsv
    bench/hoso_seed.py --selftest

It expects a database after `hoso migrate` + `hoso demo` (the demo opens the 2027-2028 campaign) and the server
stopped. It makes the campaign's required documents optional (a parent may then submit without uploads; the
benchmark measures the submission, not uploads), adds kindergartens of 500 children each and one active code per
child, exactly as `ListService.insert` + `CodeService.issue` store them, and writes the parents file that
`hoso-bench flow` and the durability test read: one line per child,

    code (K7QM-4XRT-9C form) TAB birth date (dd/mm/yyyy) TAB the application's fields, url-encoded

Registration codes follow Sources/Admissions/Codes/RegistrationCode.swift exactly: 31 symbols, nine random, a check
symbol with sum(position x value) = 0 (mod 31); unique across the whole database. `--selftest` checks this copy
against the demo's codes (SplitMix64 seed 2027 through Swift's Int.random(in:using:)).

Python 3 standard library only (psql for PostgreSQL).
"""
import argparse
import datetime
import json
import random
import secrets
import sqlite3
import subprocess
import sys
import unicodedata
import urllib.parse
import uuid

# --- registration codes (RegistrationCode.swift) -----------------------------------------------------------

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VALUES = {c: i for i, c in enumerate(ALPHABET)}
MODULUS = 31
LENGTH = 10


def weighted_sum(symbols):
    return sum((i + 1) * VALUES[c] for i, c in enumerate(symbols))


def check_symbol(payload):
    partial = weighted_sum(payload)
    # value x 10 = -partial (mod 31); 28 is the inverse of 10 modulo 31.
    return ALPHABET[((MODULUS - partial % MODULUS) * 28) % MODULUS]


def is_valid(text):
    cleaned = "".join(c for c in text.upper() if not c.isspace() and c not in "-–.")
    return (len(cleaned) == LENGTH and all(c in VALUES for c in cleaned)
            and weighted_sum(cleaned) % MODULUS == 0)


def display(symbols):
    return f"{symbols[0:4]}-{symbols[4:8]}-{symbols[8:10]}"


def random_code(rng=secrets.SystemRandom()):
    payload = "".join(ALPHABET[rng.randrange(MODULUS)] for _ in range(LENGTH - 1))
    return payload + check_symbol(payload)


class SplitMix64:
    """DemoCampaign.SeededGenerator."""
    MASK = (1 << 64) - 1

    def __init__(self, state):
        self.state = state

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, upper):
        """Swift's RandomNumberGenerator.next(upperBound:) (Lemire's nearly divisionless method)."""
        m = self.next() * upper
        low = m & self.MASK
        if low < upper:
            t = ((1 << 64) - upper) % upper
            while low < t:
                m = self.next() * upper
                low = m & self.MASK
        return m >> 64


def selftest():
    gen = SplitMix64(2027)
    codes = []
    for _ in range(12):
        payload = "".join(ALPHABET[gen.below(MODULUS)] for _ in range(LENGTH - 1))
        codes.append(payload + check_symbol(payload))
    expected = ["CW8XR7RKWX", "KU77HXEESV", "Y28C4Z5CV9"]  # what `hoso demo` prints
    assert codes[:3] == expected, (codes[:3], expected)
    assert all(is_valid(c) for c in codes)
    # Every single wrong symbol and every swap of two different symbols is caught.
    code = codes[0]
    for i in range(LENGTH):
        for c in ALPHABET:
            if c != code[i]:
                assert not is_valid(code[:i] + c + code[i + 1:])
        for j in range(i + 1, LENGTH):
            if code[i] != code[j]:
                s = list(code)
                s[i], s[j] = s[j], s[i]
                assert not is_valid("".join(s))
    assert is_valid("cw8x-r7rk-wx") and not is_valid("CW8X-R7RK-W")
    print("selftest ok: demo codes reproduced", ", ".join(display(c) for c in codes[:3]))


# --- names (PersonName / VietnameseText) ---------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Cao"]
MIDDLE_M = ["Văn", "Minh", "Đức", "Gia", "Quốc", "Hữu", "Thanh", "Bảo", "Công", "Anh"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Minh", "Phương", "Khánh", "Bảo", "Thanh", "Hải", "Diệu"]
GIVEN_M = ["An", "Bảo", "Dũng", "Huy", "Khang", "Khôi", "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tùng",
           "Việt", "Đạt", "Hiếu", "Kiên", "Lâm", "Tuấn", "Vinh"]
GIVEN_F = ["Anh", "Ánh", "Châu", "Chi", "Hà", "Hân", "Linh", "Mai", "My", "Ngân", "Nhi", "Quyên", "Thảo", "Trang",
           "Vy", "Yến", "Ngọc", "Hương", "Lan", "Thư"]
STREETS = ["Hàng Bài", "Tràng Tiền", "Lý Thường Kiệt", "Hai Bà Trưng", "Phan Chu Trinh", "Hàng Bông", "Quang Trung",
           "Bà Triệu", "Ngô Quyền", "Hàng Trống"]

LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def clean(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text):
    """VietnameseText.foldKey: no diacritics, đ -> d, lower case."""
    text = clean(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def collation_key(word):
    """VietnameseText.collationKey, for the letters these names use."""
    letters, tones = "", ""
    for ch in clean(word).lower():
        tone = 0
        base = ""
        for s in unicodedata.normalize("NFD", ch):
            if s in TONES:
                tone = TONES.index(s) + 1
            else:
                base += s
        base = unicodedata.normalize("NFC", base)
        if base in LETTERS:
            letters += "%02d" % (LETTERS.index(base) + 10)
        elif base.isdigit():
            letters += "%02d" % int(base)
        elif base in "'’":
            continue
        else:
            letters += "99"
        tones += str(tone)
    return letters + "." + tones


def full_name(family, middle, given):
    return " ".join(p for p in (family, middle, given) if p)


# --- children ------------------------------------------------------------------------------------------------

def make_children(n, birth_year, units, existing_codes, seed=None):
    """n children, each with a fresh code, and the form a parent submits for it."""
    rng = random.Random(seed)
    code_rng = secrets.SystemRandom() if seed is None else random.Random(seed + 1)
    seen = set(existing_codes)
    start = datetime.date(birth_year, 1, 1)
    children = []
    for i in range(n):
        male = rng.random() < 0.5
        family = rng.choice(FAMILY)
        middle = rng.choice(MIDDLE_M if male else MIDDLE_F)
        given = rng.choice(GIVEN_M if male else GIVEN_F)
        born = start + datetime.timedelta(days=rng.randrange(365))
        parent_is_mother = rng.random() < 0.6
        parent = full_name(rng.choice(FAMILY), rng.choice(MIDDLE_F if parent_is_mother else MIDDLE_M),
                           rng.choice(GIVEN_F if parent_is_mother else GIVEN_M))
        phone = "09" + "".join(str(rng.randrange(10)) for _ in range(8))
        address = f"Số {rng.randrange(1, 200)} {rng.choice(STREETS)}"
        while True:
            code = random_code(code_rng)
            if code not in seen:
                seen.add(code)
                break
        unit = units[i % len(units)] if units else "outside"
        children.append({
            "id": str(uuid.uuid4()).upper(), "family": family, "middle": middle, "given": given,
            "gender": "male" if male else "female", "birth": born.isoformat(), "birth_vn": born.strftime("%d/%m/%Y"),
            "parent": parent, "phone": phone, "mother": parent_is_mother, "address": address + ", Hà Nội",
            "code": code, "unit": unit, "street": address,
        })
    return children


def form_fields(child, address_line=None):
    """The application a parent submits for a listed child, unchanged from the list (no correction, no uploads)."""
    who = "mother" if child["mother"] else "father"
    return [
        ("childFamily", child["family"]), ("childMiddle", child["middle"]), ("childGiven", child["given"]),
        ("childBirthDate", child["birth_vn"]), ("childGender", child["gender"]), ("childEthnicity", "Kinh"),
        ("childPersonalID", ""), ("childPlaceOfBirth", "Hà Nội"), ("childHometown", ""), ("correctionReason", ""),
        (f"{who}Name", child["parent"]), (f"{who}Phone", child["phone"]),
        ("residenceKind", "permanent"), ("residenceUnit", child["unit"]),
        ("addressLine", address_line if address_line is not None else child["street"]),
        ("priorityCodes[]", "DT1" if child["unit"] != "outside" else "DT3"), ("consent", "true"),
    ]


def encode_form(fields):
    # Keys are sent as a browser sends them (brackets unencoded), values url-encoded.
    return "&".join(f"{k}={urllib.parse.quote_plus(v)}" for k, v in fields)


def write_parents(path, children):
    with open(path, "w", encoding="utf-8") as f:
        for c in children:
            f.write(f"{display(c['code'])}\t{c['birth_vn']}\t{encode_form(form_fields(c))}\n")


# --- databases -----------------------------------------------------------------------------------------------

CHILD_COLUMNS = ["id", "campaign_id", "kindergarten_id", "family_name", "middle_name", "given_name", "family_last",
                 "sort_key", "search_key", "birth_date", "gender", "personal_id", "parent_name", "parent_phone",
                 "address", "older_reason", "source", "dedupe_key", "created_at"]
CODE_COLUMNS = ["code", "campaign_id", "child_id", "status", "issued_at", "revoked_at", "note", "locked_until"]
PER_KINDERGARTEN = 500


def now_storage():
    """Timestamps.storage: ISO 8601 in UTC with milliseconds."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def rows_for(children, campaign_id, kindergartens, created, false_value):
    child_rows, code_rows = [], []
    for i, c in enumerate(children):
        name = full_name(c["family"], c["middle"], c["given"])
        search = fold(name)
        sort = "|".join(collation_key(p) for p in (c["given"], c["middle"], c["family"]))
        kg = kindergartens[i // PER_KINDERGARTEN]
        child_rows.append([c["id"], campaign_id, kg, c["family"], c["middle"], c["given"], false_value, sort, search,
                           c["birth"], c["gender"], "", c["parent"], c["phone"], c["address"], "", "list",
                           f"{search}|{c['birth']}", created])
        code_rows.append([c["code"], campaign_id, c["id"], "active", created, None, "", 0.0])
    return child_rows, code_rows


def campaign_units(catchment_json):
    units = []
    for unit in json.loads(catchment_json):
        for hamlet in unit.get("hamlets") or [""]:
            units.append(f"{unit['wardCode']}|{hamlet}")
    return units


def optional_documents(required_json):
    docs = json.loads(required_json)
    for d in docs:
        d["mandatory"] = False
    return json.dumps(docs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seed_sqlite(path, n, seed=None):
    db = sqlite3.connect(path)
    db.execute("PRAGMA busy_timeout = 10000")
    row = db.execute("SELECT id, birth_year, catchment_json, required_documents_json FROM admission_campaigns "
                     "WHERE is_trial = 0 ORDER BY apply_from DESC LIMIT 1").fetchone()
    if row is None:
        sys.exit("hoso_seed: no campaign in the database; run `hoso demo` first")
    campaign_id, birth_year, catchment, required = row
    existing = {r[0] for r in db.execute("SELECT code FROM registration_codes")}
    base = db.execute("SELECT count(*) FROM kindergartens WHERE campaign_id = ?", (campaign_id,)).fetchone()[0]
    children = make_children(n, birth_year, campaign_units(catchment), existing, seed)
    created = now_storage()
    kindergartens = [str(uuid.uuid4()).upper() for _ in range((n + PER_KINDERGARTEN - 1) // PER_KINDERGARTEN)]
    child_rows, code_rows = rows_for(children, campaign_id, kindergartens, created, 0)
    with db:
        db.execute("UPDATE admission_campaigns SET required_documents_json = ? WHERE id = ?",
                   (optional_documents(required), campaign_id))
        db.executemany("INSERT INTO kindergartens (id, campaign_id, name, address, contact) VALUES (?, ?, ?, '', '')",
                       [(kg, campaign_id, f"Trường Mầm non số {base + i + 1}") for i, kg in enumerate(kindergartens)])
        db.executemany(f"INSERT INTO listed_children ({', '.join(CHILD_COLUMNS)}) VALUES ({', '.join('?' * len(CHILD_COLUMNS))})",
                       child_rows)
        db.executemany(f"INSERT INTO registration_codes ({', '.join(CODE_COLUMNS)}) VALUES ({', '.join('?' * len(CODE_COLUMNS))})",
                       code_rows)
    db.close()
    return children


def psql(url, sql, stdin=None):
    result = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                            input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"hoso_seed: psql failed: {result.stderr.strip()}")
    return result.stdout


def csv_text(rows):
    """CSV for COPY: every value quoted (so an empty string stays an empty string), None unquoted and empty (NULL)."""
    def field(v):
        return "" if v is None else '"' + str(v).replace('"', '""') + '"'
    return "".join(",".join(field(v) for v in r) + "\n" for r in rows)


def seed_postgres(url, n, seed=None):
    out = psql(url, "SELECT id, birth_year, catchment_json, required_documents_json FROM admission_campaigns "
                    "WHERE NOT is_trial ORDER BY apply_from DESC LIMIT 1").strip()
    if not out:
        sys.exit("hoso_seed: no campaign in the database; run `hoso demo` first")
    campaign_id, birth_year, catchment, required = out.split("|", 3)
    existing = set(psql(url, "SELECT code FROM registration_codes").split())
    base = int(psql(url, f"SELECT count(*) FROM kindergartens WHERE campaign_id = '{campaign_id}'").strip())
    children = make_children(n, int(birth_year), campaign_units(catchment), existing, seed)
    created = now_storage()
    kindergartens = [str(uuid.uuid4()) for _ in range((n + PER_KINDERGARTEN - 1) // PER_KINDERGARTEN)]
    child_rows, code_rows = rows_for(children, campaign_id, kindergartens, created, "false")
    docs = optional_documents(required).replace("'", "''")
    psql(url, f"UPDATE admission_campaigns SET required_documents_json = '{docs}' WHERE id = '{campaign_id}'")
    psql(url, "COPY kindergartens (id, campaign_id, name, address, contact) FROM STDIN WITH (FORMAT csv)",
         csv_text([(kg, campaign_id, f"Trường Mầm non số {base + i + 1}", "", "") for i, kg in enumerate(kindergartens)]))
    psql(url, f"COPY listed_children ({', '.join(CHILD_COLUMNS)}) FROM STDIN WITH (FORMAT csv)", csv_text(child_rows))
    psql(url, f"COPY registration_codes ({', '.join(CODE_COLUMNS)}) FROM STDIN WITH (FORMAT csv)", csv_text(code_rows))
    psql(url, "ANALYZE")
    return children


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    target = ap.add_mutually_exclusive_group()
    target.add_argument("--sqlite", metavar="FILE")
    target.add_argument("--postgres", metavar="URL")
    ap.add_argument("--children", type=int, default=150_000)
    ap.add_argument("--parents", metavar="FILE", help="where to write the parents file")
    ap.add_argument("--seed", type=int, help="deterministic names and codes (tests)")
    ap.add_argument("--selftest", action="store_true")
    args = ap.parse_args()
    if args.selftest:
        selftest()
        return
    if not (args.sqlite or args.postgres) or not args.parents:
        ap.error("--sqlite FILE or --postgres URL, and --parents FILE, are required")
    selftest()
    children = seed_sqlite(args.sqlite, args.children, args.seed) if args.sqlite \
        else seed_postgres(args.postgres, args.children, args.seed)
    write_parents(args.parents, children)
    print(f"hoso_seed: {len(children)} children with codes seeded; parents in {args.parents}", file=sys.stderr)


if __name__ == "__main__":
    main()
