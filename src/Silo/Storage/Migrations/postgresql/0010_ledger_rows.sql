-- Relief schema 10 for PostgreSQL: an account's state in a table of its own, and its ledger as rows written in the
-- same transaction as that state (docs/adr/0021). Accounts written before this script stay in relief_grain_state,
-- their whole ledger inside the state, until their next activation moves the entries here.
CREATE TABLE IF NOT EXISTS relief_account_state (
    service_id  text        NOT NULL,
    grain_id    text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);
-- One movement of money (or goods) in one account. seq is the entry's place in its account's ledger, from 1: the
-- account hands out the numbers, so two activations of one account can never both write an entry (the state's
-- version check fails the second) and a repeated write of the same entry changes nothing. unit_code compares
-- bytewise (COLLATE "C"), so a subtree is one range of the primary key whatever the database's locale.
CREATE TABLE IF NOT EXISTS relief_ledger_entry (
    service_id     text    NOT NULL,
    programme_id   text    NOT NULL,
    unit_code      text    COLLATE "C" NOT NULL,
    seq            bigint  NOT NULL,
    unit_level     integer NOT NULL,
    entry_id       text    NOT NULL,
    at_ms          bigint  NOT NULL,
    actor          text    NOT NULL,
    kind           text    NOT NULL,
    national_fen   bigint  NOT NULL,
    provincial_fen bigint  NOT NULL,
    local_fen      bigint  NOT NULL,
    own_fen        bigint  NOT NULL,
    donation_fen   bigint  NOT NULL,
    counterpart    text    NULL,
    reference      text    NULL,
    note           text    NULL,
    -- The case a reservation, release or payment is for, and its recipient category: the roll-up counts recipients
    -- without asking any case.
    case_id        text    NULL,
    category       text    NULL,
    -- Goods in kind: the item, its unit and how many; the amounts are then the goods' value by source.
    item           text    NULL,
    item_unit      text    NULL,
    quantity       bigint  NULL,
    PRIMARY KEY (service_id, programme_id, unit_code, seq)
);
-- The same entries summed per account, kind, recipient category and item, kept in the transaction that writes them:
-- the roll-up, the "not yet with households" report and the public account sum these few rows per account, not a
-- season's entries.
CREATE TABLE IF NOT EXISTS relief_ledger_total (
    service_id     text    NOT NULL,
    programme_id   text    NOT NULL,
    unit_code      text    COLLATE "C" NOT NULL,
    unit_level     integer NOT NULL,
    kind           text    NOT NULL,
    category       text    NOT NULL,
    item           text    NOT NULL,
    item_unit      text    NOT NULL,
    entries        bigint  NOT NULL,
    quantity       bigint  NOT NULL,
    national_fen   bigint  NOT NULL,
    provincial_fen bigint  NOT NULL,
    local_fen      bigint  NOT NULL,
    own_fen        bigint  NOT NULL,
    donation_fen   bigint  NOT NULL,
    PRIMARY KEY (service_id, programme_id, unit_code, kind, category, item)
);
