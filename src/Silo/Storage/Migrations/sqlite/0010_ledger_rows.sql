-- Relief schema 10 for SQLite: an account's state in a table of its own, and its ledger as rows written in the same
-- transaction as that state (docs/adr/0021). Accounts written before this script stay in relief_grain_state, their
-- whole ledger inside the state, until their next activation moves the entries here.
CREATE TABLE IF NOT EXISTS relief_account_state (
    service_id  TEXT    NOT NULL,
    grain_id    TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    modified_at TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);
-- One movement of money (or goods) in one account. seq is the entry's place in its account's ledger, from 1: the
-- account hands out the numbers, so two activations of one account can never both write an entry (the state's
-- version check fails the second) and a repeated write of the same entry changes nothing.
CREATE TABLE IF NOT EXISTS relief_ledger_entry (
    service_id     TEXT    NOT NULL,
    programme_id   TEXT    NOT NULL,
    unit_code      TEXT    NOT NULL,
    seq            INTEGER NOT NULL,
    unit_level     INTEGER NOT NULL,
    entry_id       TEXT    NOT NULL,
    at_ms          INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    national_fen   INTEGER NOT NULL,
    provincial_fen INTEGER NOT NULL,
    local_fen      INTEGER NOT NULL,
    own_fen        INTEGER NOT NULL,
    donation_fen   INTEGER NOT NULL,
    counterpart    TEXT    NULL,
    reference      TEXT    NULL,
    note           TEXT    NULL,
    -- The case a reservation, release or payment is for, and its recipient category: the roll-up counts recipients
    -- without asking any case.
    case_id        TEXT    NULL,
    category       TEXT    NULL,
    -- Goods in kind: the item, its unit and how many; the amounts are then the goods' value by source.
    item           TEXT    NULL,
    item_unit      TEXT    NULL,
    quantity       INTEGER NULL,
    PRIMARY KEY (service_id, programme_id, unit_code, seq)
) WITHOUT ROWID;
-- WITHOUT ROWID: the rows themselves are kept in the primary key's order, so an account's ledger and a subtree's rows
-- are one contiguous range read in order, not an index range followed by a lookup per row.
-- The same entries summed per account, kind, recipient category and item, kept in the transaction that writes them:
-- the roll-up, the "not yet with households" report and the public account sum these few rows per account, not a
-- season's entries.
CREATE TABLE IF NOT EXISTS relief_ledger_total (
    service_id     TEXT    NOT NULL,
    programme_id   TEXT    NOT NULL,
    unit_code      TEXT    NOT NULL,
    unit_level     INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    category       TEXT    NOT NULL,
    item           TEXT    NOT NULL,
    item_unit      TEXT    NOT NULL,
    entries        INTEGER NOT NULL,
    quantity       INTEGER NOT NULL,
    national_fen   INTEGER NOT NULL,
    provincial_fen INTEGER NOT NULL,
    local_fen      INTEGER NOT NULL,
    own_fen        INTEGER NOT NULL,
    donation_fen   INTEGER NOT NULL,
    PRIMARY KEY (service_id, programme_id, unit_code, kind, category, item)
) WITHOUT ROWID;
