// Administration schemas (issue 7): editing fields, counters, users, devices and the centre.
export {};
