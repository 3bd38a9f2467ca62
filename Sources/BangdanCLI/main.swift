print("bangdan")
