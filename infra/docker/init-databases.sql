-- Run once by the postgres:15 image on an empty data volume (/docker-entrypoint-initdb.d).
-- The same list as infra/lib/databases.mjs (DATABASES): one database per service, plus the *_test twin.
CREATE DATABASE yibao_enrollment;
CREATE DATABASE yibao_transfer;
CREATE DATABASE yibao_benefits;
CREATE DATABASE yibao_notification;
CREATE DATABASE yibao_enrollment_test;
CREATE DATABASE yibao_transfer_test;
CREATE DATABASE yibao_benefits_test;
CREATE DATABASE yibao_notification_test;
