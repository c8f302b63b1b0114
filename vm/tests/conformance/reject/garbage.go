ELFÿþ‰PNG
Ã(â‚garbage
¾ï