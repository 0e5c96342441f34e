-- The national exports (issue 15, `GET /api/v1/exports/{licences|penalties}.csv`) page
-- through one class's records in id order: the records filed since a page's last, read by
-- this index a page at a time, however many records of other classes lie between.
CREATE INDEX records_class_id ON records(class, id);
