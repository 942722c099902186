-- The Contrat de ville métropolitain 2024-2030 as data. Each record keeps its full text in `body` (jsonb, the
-- format of geodata/contrat) and its links in relational tables, so references are checked by the database too.
CREATE TABLE orientation (
    id              text PRIMARY KEY,
    number          integer NOT NULL UNIQUE,
    title           text NOT NULL,
    source_file     text NOT NULL CHECK (source_file <> ''),
    source_section  text NOT NULL CHECK (source_section <> ''),
    body            jsonb NOT NULL
);

CREATE TABLE defi (
    id              text PRIMARY KEY,
    number          integer NOT NULL UNIQUE,
    title           text NOT NULL,
    source_file     text NOT NULL CHECK (source_file <> ''),
    source_section  text NOT NULL CHECK (source_section <> ''),
    body            jsonb NOT NULL
);

CREATE TABLE projet (
    id              text PRIMARY KEY,
    title           text NOT NULL,
    orientation_id  text NOT NULL REFERENCES orientation (id),
    registres       text[] NOT NULL,
    scope_kind      text NOT NULL CHECK (scope_kind IN ('metropole', 'communes', 'quartiers')),
    source_file     text NOT NULL CHECK (source_file <> ''),
    source_section  text NOT NULL CHECK (source_section <> ''),
    body            jsonb NOT NULL
);

-- Editorial classification: the seeds never link projets to défis.
CREATE TABLE projet_defi (
    projet_id      text NOT NULL REFERENCES projet (id) ON DELETE CASCADE,
    defi_id        text NOT NULL REFERENCES defi (id),
    editorial      boolean NOT NULL,
    justification  text NOT NULL,
    PRIMARY KEY (projet_id, defi_id)
);

CREATE TABLE projet_scope (
    projet_id  text NOT NULL REFERENCES projet (id) ON DELETE CASCADE,
    insee      text REFERENCES commune (insee),
    version    text,
    code       text,
    CHECK ((insee IS NULL) <> (code IS NULL)),
    FOREIGN KEY (version, code) REFERENCES quartier (version, code)
);

CREATE TABLE chantier (
    id              text PRIMARY KEY,
    kind            text NOT NULL,
    title           text NOT NULL,
    source_file     text NOT NULL CHECK (source_file <> ''),
    source_section  text NOT NULL CHECK (source_section <> ''),
    body            jsonb NOT NULL
);

CREATE TABLE deliberation (
    id              text PRIMARY KEY,
    kind            text NOT NULL,
    reference       text,
    decided_on      date,
    title           text NOT NULL,
    source_file     text NOT NULL CHECK (source_file <> ''),
    source_section  text NOT NULL CHECK (source_section <> ''),
    body            jsonb NOT NULL
);

CREATE TABLE deliberation_territory (
    deliberation_id  text NOT NULL REFERENCES deliberation (id) ON DELETE CASCADE,
    insee            text REFERENCES commune (insee),
    version          text,
    code             text,
    CHECK ((insee IS NULL) <> (code IS NULL)),
    FOREIGN KEY (version, code) REFERENCES quartier (version, code)
);

-- The seed's "géographie prioritaire" table, each line matched to its register code.
CREATE TABLE contrat_quartier (
    version     text NOT NULL DEFAULT 'qpv2024',
    code        text NOT NULL,
    seed_name   text NOT NULL,
    match_rule  text NOT NULL,
    PRIMARY KEY (version, code),
    FOREIGN KEY (version, code) REFERENCES quartier (version, code)
);

-- The whole territoires.json (quartiers table and territoires à enjeux), as loaded.
CREATE TABLE contrat_territoires (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    body       jsonb NOT NULL
);
