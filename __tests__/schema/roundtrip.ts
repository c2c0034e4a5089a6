/**
 * A round trip per engine, as the dry run does it: base schema, the PR's upgrade, a downgrade, the upgrade
 * again. `faultyDowngrade` forgets things (an index, a column type, an enum value); `downgrade` undoes all.
 */
export interface RoundTrip {
  base: string;
  upgrade: string;
  downgrade: string;
  faultyDowngrade: string;
  /** renderDiff(diff(base, upgraded)). */
  upgradeLines: string[];
  /** explainMismatch(diff(base, after the faulty downgrade)). */
  mismatch: string[];
}

export const POSTGRES_ROUND_TRIP: RoundTrip = {
  base: `
    create type mood as enum ('sad', 'ok', 'happy');
    create table users (id serial primary key, name varchar(50), email text not null, mood mood default 'ok');`,
  upgrade: `
    alter type mood add value 'meh' after 'ok';
    alter table users add column nickname varchar(50);
    alter table users alter column name type text;
    alter table users alter column email drop not null;
    create index ix_users_email on users (email) where email <> '';`,
  downgrade: `
    drop index ix_users_email;
    alter table users alter column email set not null;
    alter table users alter column name type varchar(50);
    alter table users drop column nickname;
    alter type mood rename to mood_old;
    create type mood as enum ('sad', 'ok', 'happy');
    alter table users alter column mood drop default;
    alter table users alter column mood type mood using mood::text::mood;
    alter table users alter column mood set default 'ok';
    drop type mood_old;`,
  faultyDowngrade: `
    alter table users alter column email set not null;
    alter table users drop column nickname;`,
  upgradeLines: [
    "+ enum value mood.'meh' (after 'ok')",
    '~ column users.email: NOT NULL → NULL',
    '~ column users.name: varchar(50) → text',
    '+ column users.nickname varchar(50) NULL',
    "+ index ix_users_email on users (email) where email <> ''::text",
  ],
  mismatch: [
    "left behind: enum value mood.'meh'",
    'not restored: column users.name: text, expected varchar(50)',
    "left behind: index ix_users_email on users (email) where email <> ''::text",
  ],
};

export const MARIADB_ROUND_TRIP: RoundTrip = {
  base: `create table users (id int auto_increment primary key, name varchar(50), email varchar(200) not null,
    mood enum('sad','ok','happy'))`,
  upgrade: `alter table users modify mood enum('sad','ok','meh','happy'), add column nickname varchar(50),
    modify name text, modify email varchar(200) null, add index ix_users_email (email)`,
  downgrade: `alter table users drop index ix_users_email, modify email varchar(200) not null, modify name varchar(50),
    drop column nickname, modify mood enum('sad','ok','happy')`,
  faultyDowngrade: `alter table users drop column nickname, modify email varchar(200) not null`,
  upgradeLines: [
    '~ column users.email: NOT NULL → NULL',
    "~ column users.mood: enum('sad','ok','happy') → enum('sad','ok','meh','happy')",
    '~ column users.name: varchar(50) → text',
    '+ column users.nickname varchar(50) NULL',
    '+ index ix_users_email on users (email)',
  ],
  mismatch: [
    "not restored: column users.mood: enum('sad','ok','meh','happy'), expected enum('sad','ok','happy')",
    'not restored: column users.name: text, expected varchar(50)',
    'left behind: index ix_users_email on users (email)',
  ],
};

// SQLite changes a column's type the way Alembic's batch mode does: a new table, copied, renamed.
export const SQLITE_ROUND_TRIP: RoundTrip = {
  base: `create table users (id integer primary key, name varchar(50), email text not null)`,
  upgrade: `
    create table _alembic_tmp_users (id integer primary key, name text, email text not null, nickname varchar(50));
    insert into _alembic_tmp_users (id, name, email) select id, name, email from users;
    drop table users;
    alter table _alembic_tmp_users rename to users;
    create index ix_users_email on users (email);`,
  downgrade: `
    drop index ix_users_email;
    create table _alembic_tmp_users (id integer primary key, name varchar(50), email text not null);
    insert into _alembic_tmp_users (id, name, email) select id, name, email from users;
    drop table users;
    alter table _alembic_tmp_users rename to users;`,
  faultyDowngrade: `alter table users drop column nickname`,
  upgradeLines: [
    '~ column users.name: varchar(50) → text',
    '+ column users.nickname varchar(50) NULL',
    '+ index ix_users_email on users (email)',
  ],
  mismatch: [
    'not restored: column users.name: text, expected varchar(50)',
    'left behind: index ix_users_email on users (email)',
  ],
};
