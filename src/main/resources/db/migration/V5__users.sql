-- People: every API call carries a bearer token; only its SHA-256 is stored (see security.Tokens).
-- A deleted user keeps its row (experiments keep naming their owner), with deleted_at set: its
-- token stops working at once because every request looks the hash up among live users.
create table lab_user (
    id          varchar(36) primary key,
    name        varchar(32) not null,
    role        varchar(16) not null,
    teacher_id  varchar(36) references lab_user (id),
    token_hash  varchar(64) not null,
    created_at  timestamp with time zone not null,
    deleted_at  timestamp with time zone,
    constraint lab_user_name_unique unique (name),
    constraint lab_user_token_unique unique (token_hash),
    constraint lab_user_role_known check (role in ('ADMIN', 'TEACHER', 'STUDENT', 'METRICS'))
);

create index lab_user_teacher on lab_user (teacher_id);
