"""National items: every municipality's procedures and コンビニ交付 made from the national templates, on demand."""
