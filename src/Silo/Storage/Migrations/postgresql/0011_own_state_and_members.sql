-- Relief schema 11 for PostgreSQL (docs/adr/0024): the states of the grains written on every case's way (applicant
-- claims, filing keys, quotas, notice boards and lists) in a table of Relief's own, so that their writes share the
-- group commit with the cases' and the accounts'. States written before this script stay in relief_grain_state and
-- are read from there until their next write moves them here.
CREATE TABLE IF NOT EXISTS relief_own_state (
    service_id  text        NOT NULL,
    grain_id    text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);
-- The members of a state's growing sets (a quota's holders, a board's waiting cases, a list's lines), one row each,
-- kept beside the state's payload rather than in it: a write puts and removes only the members that changed, so it
-- costs the same at the season's end as at its start. seq keeps the order members came in.
CREATE TABLE IF NOT EXISTS relief_state_member (
    service_id  text   NOT NULL,
    grain_id    text   NOT NULL,
    set_name    text   NOT NULL,
    member_key  text   COLLATE "C" NOT NULL,
    seq         bigint NOT NULL,
    payload     bytea  NULL,
    PRIMARY KEY (service_id, grain_id, set_name, member_key)
);
