// Report schemas (issue 7): period statistics and their breakdowns.
export {};
