import { getBranch } from '../data/branches-repo';
import { listCatalog, setStock as writeStock, upsertProduct as writeProduct, type Product } from '../data/catalog-repo';
import { assertManager } from '../http/auth';
import type { OperationRequest } from '../http/handler';

const productView = (p: Product) => ({
  id: p.id,
  name: p.name,
  description: p.description ?? undefined,
  priceAgorot: p.priceAgorot,
  category: p.category,
  imageUrl: p.imageUrl ?? undefined,
  stock: p.stock,
});

export async function getCatalog({ params }: OperationRequest) {
  await getBranch(params.branchId); // 404 for an unknown branch, not an empty shop
  const products = await listCatalog(params.branchId);
  return { branchId: params.branchId, products: products.sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id)).map(productView) };
}

export async function upsertProduct({ params, body, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  await getBranch(params.branchId);
  return productView(await writeProduct(params.branchId, { id: params.productId, ...body }));
}

export async function setStock({ params, body, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  return productView(await writeStock(params.branchId, params.productId, body.stock));
}
