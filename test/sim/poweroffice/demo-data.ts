/**
 * Realistic Norwegian demo data for the local sandbox: a small furniture wholesaler's PowerOffice client with
 * customers (companies and persons), departments, products priced in NOK (excluding VAT) and two open orders.
 */
import type { CustomerDto, DepartmentDto, PowerOfficeSim, ProductDto, SalesOrderCompleteDto } from "./index";

export interface DemoData {
  customers: CustomerDto[];
  departments: DepartmentDto[];
  products: ProductDto[];
  salesOrders: SalesOrderCompleteDto[];
}

const address = (AddressLine1: string, ZipCode: string, City: string) => ({
  AddressLine1,
  ZipCode,
  City,
  CountryCode: "NO",
});

export function seedDemoData(sim: PowerOfficeSim): DemoData {
  const departments = [
    sim.seed.department({ Code: "100", Name: "Salg Oslo", IsActive: true }),
    sim.seed.department({ Code: "200", Name: "Salg Bergen", IsActive: true }),
    sim.seed.department({ Code: "900", Name: "Nettbutikk", IsActive: true }),
  ];
  const [oslo, bergen, web] = departments.map((d) => d.Id) as [number, number, number];

  const customers = [
    company("Fjordbris Interiør AS", "952601814", "post@fjordbris.no", address("Bryggen 12", "5003", "Bergen"), bergen),
    company(
      "Nordlys Kontorsenter AS",
      "959083010",
      "innkjop@nordlys-kontor.no",
      address("Storgata 88", "9008", "Tromsø"),
      oslo,
    ),
    company(
      "Bakkehuset Barnehage SA",
      "966131861",
      "styrer@bakkehuset.no",
      address("Bakkeveien 3", "7020", "Trondheim"),
      oslo,
    ),
    company(
      "Vestkyst Eiendom AS",
      "909139090",
      "faktura@vestkysteiendom.no",
      address("Strandkaien 2", "4005", "Stavanger"),
      bergen,
    ),
    company(
      "Granly Arkitekter AS",
      "996030822",
      "hei@granly.no",
      address("Thorvald Meyers gate 51", "0555", "Oslo"),
      oslo,
    ),
    person(
      "Ingrid",
      "Haugen",
      "ingrid.haugen@epost.no",
      "+47 917 43 210",
      address("Solbergveien 14", "1410", "Kolbotn"),
    ),
    person("Ola", "Nordmann", "ola.nordmann@epost.no", "+47 482 11 903", address("Kirkegata 7", "2317", "Hamar")),
    person("Aisha", "Rahman", "aisha.rahman@epost.no", "+47 401 56 778", address("Møllergata 19", "0179", "Oslo")),
  ];

  const products = [
    product("STOL-ERGO", "Ergonomisk kontorstol", 3490, 1650, 24),
    product("STOL-KONF", "Konferansestol, stablebar", 1290, 540, 80),
    product("BORD-HEV-160", "Hev/senk-skrivebord 160x80", 6990, 3900, 12),
    product("BORD-MOTE-240", "Møtebord eik 240x100", 12900, 7200, 3),
    product("SKAP-ARKIV", "Arkivskap med lås", 2890, 1400, 15),
    product("LAMPE-LED", "LED-skrivebordslampe", 690, 240, 60),
    product("SKJERM-AKU", "Akustisk skillevegg 120 cm", 2190, 980, 20),
    product("TEPPE-ULL", "Ullteppe 200x300", 4490, 2100, 6),
    product("FRAKT", "Frakt og levering", 490, 0, null),
    product("MONT-TIME", "Montering per time", 850, 0, null),
  ];
  const [chair, , desk, , , lamp, , , shipping, assembly] = products.map((p) => p.Id) as number[];

  const salesOrders = [
    sim.seed.salesOrder(
      {
        CustomerId: customers[0]!.Id,
        DepartmentId: bergen,
        SalesOrderDate: "2026-11-20",
        CustomerReference: "Marte Lie",
        PurchaseOrderReference: "PO-2026-118",
      },
      [
        { ProductId: chair, Quantity: 6 },
        { ProductId: desk, Quantity: 6, Allowance: 10 },
        { ProductId: assembly, Quantity: 4 },
        { ProductId: shipping, Quantity: 1 },
      ],
    ),
    sim.seed.salesOrder(
      { CustomerId: customers[5]!.Id, DepartmentId: web, SalesOrderDate: "2026-11-24", SalesOrderStatus: "Confirmed" },
      [
        { ProductId: lamp, Quantity: 2 },
        { ProductId: shipping, Quantity: 1 },
      ],
    ),
  ];
  return { customers, departments, products, salesOrders };

  function company(
    Name: string,
    OrganizationNumber: string,
    EmailAddress: string,
    MailAddress: ReturnType<typeof address>,
    DepartmentId: number,
  ) {
    return sim.seed.customer({
      Name,
      OrganizationNumber,
      EmailAddress,
      MailAddress,
      DepartmentId,
      InvoiceDeliveryType: "EHF",
    });
  }

  function person(
    FirstName: string,
    LastName: string,
    EmailAddress: string,
    PhoneNumber: string,
    MailAddress: ReturnType<typeof address>,
  ) {
    return sim.seed.customer({
      IsPerson: true,
      FirstName,
      LastName,
      EmailAddress,
      PhoneNumber,
      MailAddress,
      InvoiceDeliveryType: "PdfByEmail",
    });
  }

  function product(Code: string, Name: string, UnitPrice: number, UnitCost: number, stock: number | null) {
    const isService = stock === null;
    return sim.seed.product({
      Code,
      Name,
      UnitPrice,
      UnitCost,
      ProductType: isService ? "Service" : "Product",
      UnitOfMeasureCode: Code === "MONT-TIME" ? "HUR" : "EA",
      IsStockItem: !isService,
      StockOnHand: stock,
    });
  }
}
